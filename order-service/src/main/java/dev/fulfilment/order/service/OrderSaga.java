package dev.fulfilment.order.service;

import dev.fulfilment.contracts.messages.InventoryRejected;
import dev.fulfilment.contracts.messages.InventoryReleased;
import dev.fulfilment.contracts.messages.InventoryReserved;
import dev.fulfilment.contracts.messages.MessagePayload;
import dev.fulfilment.contracts.messages.ShipmentCancelRefused;
import dev.fulfilment.contracts.messages.ShipmentCancelled;
import dev.fulfilment.contracts.messages.ShipmentDelivered;
import dev.fulfilment.contracts.messages.ShipmentDispatched;
import dev.fulfilment.contracts.messages.ShipmentScheduled;
import dev.fulfilment.order.Order;
import dev.fulfilment.support.messaging.IncomingMessage;
import dev.fulfilment.support.messaging.MessageHandler;
import dev.fulfilment.support.messaging.OutgoingMessage;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.jboss.logging.Logger;

/**
 * The saga's orchestrator: applies each reply and event from order-events to its order
 * ({@link Order#on}) and returns the commands that follow. The inbox runs it in one transaction
 * with the message's id, so a message takes effect once however often it arrives.
 */
@ApplicationScoped
public class OrderSaga implements MessageHandler {

    private static final Logger LOG = Logger.getLogger(OrderSaga.class);

    private final OrderMetrics metrics;

    OrderSaga(OrderMetrics metrics) {
        this.metrics = metrics;
    }

    @Override
    public Set<Class<? extends MessagePayload>> handles() {
        return Set.of(
                InventoryReserved.class,
                InventoryRejected.class,
                InventoryReleased.class,
                ShipmentScheduled.class,
                ShipmentCancelled.class,
                ShipmentCancelRefused.class,
                ShipmentDispatched.class,
                ShipmentDelivered.class);
    }

    /**
     * The batch's orders in one query, by their ids bound as one array ({@code id = any(?)}):
     * each message then finds its own loaded. Not an HQL {@code in} list: Hibernate keeps no plan
     * of a query with a list parameter, and translated that one again at every batch (a twentieth
     * of order-service's CPU under load).
     */
    @Override
    public void prepare(List<IncomingMessage> batch) {
        Order.findByIds(batch.stream().map(IncomingMessage::orderId).distinct().toList());
    }

    @Override
    public List<OutgoingMessage> handle(IncomingMessage message) {
        // A reservation prices the lines and commands carry them: the first message to touch
        // them loads the lines of every order of the batch.
        Order order = Order.findById(message.orderId());
        if (order == null) {
            LOG.warnf("Skipped %s %s: no order %s", message.type().wireName(), message.messageId(), message.orderId());
            return List.of();
        }
        var before = order.status;
        var now = Instant.now();
        var commands = order.on(message.payload(), message.messageId(), now);
        metrics.moved(order, before, now);
        LOG.debugf(
                "Order %s: %s -> %s on %s",
                order.id, before, order.status, message.type().wireName());
        return commands.stream()
                .map(command -> OutgoingMessage.causedBy(message, command))
                .toList();
    }
}
