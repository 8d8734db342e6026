package dev.fulfilment.order.service;

import dev.fulfilment.contracts.MessageType;
import dev.fulfilment.order.Order;
import dev.fulfilment.outbox.Outbox;
import dev.fulfilment.outbox.ProcessedMessages;
import dev.fulfilment.support.messaging.IncomingMessage;
import dev.fulfilment.support.messaging.MessageHandler;
import dev.fulfilment.support.messaging.MisroutedMessageException;
import dev.fulfilment.support.messaging.OutgoingMessage;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Set;
import org.jboss.logging.Logger;

/**
 * The saga's orchestrator: applies each reply and event from order-events to its order and
 * sends the commands that follow, all in one transaction with the message's id, so a message
 * takes effect once however often it arrives.
 */
@ApplicationScoped
public class OrderSaga implements MessageHandler {

    private static final Logger LOG = Logger.getLogger(OrderSaga.class);
    private static final Set<MessageType> COMMANDS = EnumSet.of(
            MessageType.RESERVE_INVENTORY,
            MessageType.RELEASE_INVENTORY,
            MessageType.CREATE_SHIPMENT,
            MessageType.CANCEL_SHIPMENT);

    private final ProcessedMessages processedMessages;
    private final Outbox outbox;

    OrderSaga(ProcessedMessages processedMessages, Outbox outbox) {
        this.processedMessages = processedMessages;
        this.outbox = outbox;
    }

    @Override
    @Transactional
    public void handle(IncomingMessage message) {
        if (COMMANDS.contains(message.type())) {
            throw new MisroutedMessageException(message);
        }
        if (!processedMessages.recordFirstDelivery(message)) {
            LOG.debugf("Skipped %s %s: already handled", message.type().wireName(), message.messageId());
            return;
        }
        Order order = Order.findById(message.orderId());
        if (order == null) {
            LOG.warnf("Skipped %s %s: no order %s", message.type().wireName(), message.messageId(), message.orderId());
            return;
        }
        var before = order.status;
        order.on(message.payload(), message.messageId(), Instant.now())
                .forEach(command -> outbox.enqueue(OutgoingMessage.causedBy(message, command)));
        LOG.debugf(
                "Order %s: %s -> %s on %s",
                order.id, before, order.status, message.type().wireName());
    }
}
