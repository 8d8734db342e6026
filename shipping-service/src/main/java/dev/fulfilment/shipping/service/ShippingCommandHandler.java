package dev.fulfilment.shipping.service;

import dev.fulfilment.contracts.messages.CancelShipment;
import dev.fulfilment.contracts.messages.CreateShipment;
import dev.fulfilment.contracts.messages.MessagePayload;
import dev.fulfilment.contracts.messages.ShipmentCancelRefused;
import dev.fulfilment.contracts.messages.ShipmentCancelled;
import dev.fulfilment.contracts.messages.ShipmentScheduled;
import dev.fulfilment.outbox.Outbox;
import dev.fulfilment.outbox.ProcessedMessages;
import dev.fulfilment.shipping.Shipment;
import dev.fulfilment.shipping.ShipmentLine;
import dev.fulfilment.shipping.ShipmentStatus;
import dev.fulfilment.support.messaging.IncomingMessage;
import dev.fulfilment.support.messaging.MessageHandler;
import dev.fulfilment.support.messaging.MisroutedMessageException;
import dev.fulfilment.support.messaging.OutgoingMessage;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Instant;

/**
 * The commands on shipping-commands. Each is handled in one transaction with its messageId
 * and its reply, so it takes effect once. The unique order id makes one shipment per order,
 * even when a CancelShipment overtakes its CreateShipment: the cancel leaves a cancelled
 * shipment behind, and the late create finds it.
 */
@ApplicationScoped
public class ShippingCommandHandler implements MessageHandler {

    private final ProcessedMessages processedMessages;
    private final Outbox outbox;

    ShippingCommandHandler(ProcessedMessages processedMessages, Outbox outbox) {
        this.processedMessages = processedMessages;
        this.outbox = outbox;
    }

    @Override
    @Transactional
    public void handle(IncomingMessage message) {
        if (!(message.payload() instanceof CreateShipment) && !(message.payload() instanceof CancelShipment)) {
            throw new MisroutedMessageException(message);
        }
        if (!processedMessages.recordFirstDelivery(message)) {
            return;
        }
        var reply = switch (message.payload()) {
            case CreateShipment create -> create(message, create);
            case CancelShipment cancel -> cancel(message);
            default -> throw new MisroutedMessageException(message);
        };
        outbox.enqueue(OutgoingMessage.causedBy(message, reply));
    }

    private MessagePayload create(IncomingMessage message, CreateShipment create) {
        var existing = Shipment.findByOrderId(message.orderId());
        if (existing.isPresent()) {
            var shipment = existing.get();
            return shipment.status == ShipmentStatus.CANCELLED
                    ? new ShipmentCancelled(shipment.id)
                    : new ShipmentScheduled(shipment.id);
        }
        var lines = create.lines().stream()
                .map(line -> new ShipmentLine(line.sku(), line.quantity()))
                .toList();
        var shipment = Shipment.schedule(message.orderId(), lines, create.shippingAddress(), Instant.now());
        shipment.persist();
        return new ShipmentScheduled(shipment.id);
    }

    private MessagePayload cancel(IncomingMessage message) {
        var existing = Shipment.findByOrderId(message.orderId());
        if (existing.isEmpty()) {
            var tombstone = Shipment.cancelledBeforeCreation(message.orderId(), Instant.now());
            tombstone.persist();
            return new ShipmentCancelled(tombstone.id);
        }
        var shipment = existing.get();
        if (shipment.status.hasLeftTheWarehouse()) {
            return new ShipmentCancelRefused(shipment.id, shipment.status.name());
        }
        shipment.cancel(Instant.now());
        return new ShipmentCancelled(shipment.id);
    }
}
