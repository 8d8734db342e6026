package dev.fulfilment.inventory.reservation;

import dev.fulfilment.contracts.messages.InventoryReleased;
import dev.fulfilment.contracts.messages.MessagePayload;
import dev.fulfilment.contracts.messages.ReleaseInventory;
import dev.fulfilment.contracts.messages.ReserveInventory;
import dev.fulfilment.support.messaging.IncomingMessage;
import dev.fulfilment.support.messaging.MessageHandler;
import dev.fulfilment.support.messaging.OutgoingMessage;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Set;

/**
 * The commands on inventory-commands. The reservation item is both the effect and the record
 * that the command was handled: a redelivered command finds it and causes the same reply again
 * (same messageId), so a reply lost between DynamoDB and SQS is never lost for good.
 */
@ApplicationScoped
public class InventoryCommandHandler implements MessageHandler {

    private final ReservationService reservations;

    InventoryCommandHandler(ReservationService reservations) {
        this.reservations = reservations;
    }

    @Override
    public Set<Class<? extends MessagePayload>> handles() {
        return Set.of(ReserveInventory.class, ReleaseInventory.class);
    }

    @Override
    public List<OutgoingMessage> handle(IncomingMessage message) {
        var reply = switch (message.payload()) {
            case ReserveInventory reserve ->
                reservations
                        .reserveAllOrNothing(message.orderId(), reserve.lines())
                        .reserveReply();
            case ReleaseInventory release -> {
                reservations.release(message.orderId());
                yield new InventoryReleased();
            }
            default ->
                throw new IllegalArgumentException(
                        message.type().wireName() + " is not a command for inventory-service");
        };
        return List.of(OutgoingMessage.replyTo(message, reply));
    }
}
