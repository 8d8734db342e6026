package dev.fulfilment.inventory.reservation;

import dev.fulfilment.contracts.messages.InventoryReleased;
import dev.fulfilment.contracts.messages.ReleaseInventory;
import dev.fulfilment.contracts.messages.ReserveInventory;
import dev.fulfilment.support.messaging.IncomingMessage;
import dev.fulfilment.support.messaging.MessageHandler;
import dev.fulfilment.support.messaging.MessageSender;
import dev.fulfilment.support.messaging.OutgoingMessage;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * The commands on inventory-commands. The reservation item is both the effect and the record
 * that the command was handled: a redelivered command finds it and re-sends the same reply
 * (same messageId), so a reply lost between DynamoDB and SQS is never lost for good.
 */
@ApplicationScoped
public class InventoryCommandHandler implements MessageHandler {

    private final ReservationService reservations;
    private final MessageSender sender;

    InventoryCommandHandler(ReservationService reservations, MessageSender sender) {
        this.reservations = reservations;
        this.sender = sender;
    }

    @Override
    public void handle(IncomingMessage message) {
        switch (message.payload()) {
            case ReserveInventory reserve -> {
                var reservation = reservations.reserveAllOrNothing(message.orderId(), reserve.lines());
                sender.send(OutgoingMessage.replyTo(message, reservation.reserveReply()));
            }
            case ReleaseInventory release -> {
                reservations.release(message.orderId());
                sender.send(OutgoingMessage.replyTo(message, new InventoryReleased()));
            }
            default ->
                throw new IllegalArgumentException(
                        message.type().wireName() + " is not a command for inventory-service");
        }
    }
}
