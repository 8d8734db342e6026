package dev.fulfilment.shipping.service;

import dev.fulfilment.contracts.messages.CancelShipment;
import dev.fulfilment.contracts.messages.CreateShipment;
import dev.fulfilment.contracts.messages.MessagePayload;
import dev.fulfilment.contracts.messages.ShipmentCancelRefused;
import dev.fulfilment.contracts.messages.ShipmentCancelled;
import dev.fulfilment.contracts.messages.ShipmentScheduled;
import dev.fulfilment.shipping.Shipment;
import dev.fulfilment.shipping.ShipmentLine;
import dev.fulfilment.shipping.ShipmentStatus;
import dev.fulfilment.support.messaging.IncomingMessage;
import dev.fulfilment.support.messaging.MessageHandler;
import dev.fulfilment.support.messaging.OutgoingMessage;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * The saga's commands to shipping, applied through the inbox: in one transaction with the
 * messageId and the reply, so each takes effect once. Each command answers the saga. The unique
 * order id makes one shipment per order, even when a CancelShipment overtakes its
 * CreateShipment: the cancel leaves a cancelled shipment behind, and the late create finds it.
 */
@ApplicationScoped
public class ShippingCommandHandler implements MessageHandler {

    @Override
    public Set<Class<? extends MessagePayload>> handles() {
        return Set.of(CreateShipment.class, CancelShipment.class);
    }

    @Override
    public List<OutgoingMessage> handle(IncomingMessage message) {
        var reply = switch (message.payload()) {
            case CreateShipment create -> create(message, create);
            case CancelShipment cancel -> cancel(message);
            default ->
                throw new IllegalArgumentException(
                        message.type().wireName() + " is not a command for shipping-service");
        };
        return List.of(OutgoingMessage.causedBy(message, reply));
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
