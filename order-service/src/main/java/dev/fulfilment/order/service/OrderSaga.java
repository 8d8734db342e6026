package dev.fulfilment.order.service;

import dev.fulfilment.order.Order;
import dev.fulfilment.outbox.InboxHandler;
import dev.fulfilment.outbox.Outbox;
import dev.fulfilment.support.messaging.IncomingMessage;
import dev.fulfilment.support.messaging.OutgoingMessage;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import org.jboss.logging.Logger;

/**
 * The saga's orchestrator: applies each reply and event from order-events to its order and
 * sends the commands that follow. The inbox runs it in one transaction with the message's id,
 * so a message takes effect once however often it arrives.
 */
@ApplicationScoped
public class OrderSaga implements InboxHandler {

    private static final Logger LOG = Logger.getLogger(OrderSaga.class);

    private final Outbox outbox;
    private final OrderMetrics metrics;

    OrderSaga(Outbox outbox, OrderMetrics metrics) {
        this.outbox = outbox;
        this.metrics = metrics;
    }

    @Override
    public void apply(IncomingMessage message) {
        // The lines come with the order: a reservation prices them, and commands carry them.
        var order = Order.findWithLines(message.orderId()).orElse(null);
        if (order == null) {
            LOG.warnf("Skipped %s %s: no order %s", message.type().wireName(), message.messageId(), message.orderId());
            return;
        }
        var before = order.status;
        var now = Instant.now();
        order.on(message.payload(), message.messageId(), now)
                .forEach(command -> outbox.enqueue(OutgoingMessage.causedBy(message, command)));
        metrics.moved(order, before, now);
        LOG.debugf(
                "Order %s: %s -> %s on %s",
                order.id, before, order.status, message.type().wireName());
    }
}
