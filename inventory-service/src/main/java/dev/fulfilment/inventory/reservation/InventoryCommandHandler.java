package dev.fulfilment.inventory.reservation;

import dev.fulfilment.contracts.messages.InventoryReleased;
import dev.fulfilment.contracts.messages.MessagePayload;
import dev.fulfilment.contracts.messages.OrderLine;
import dev.fulfilment.contracts.messages.ReleaseInventory;
import dev.fulfilment.contracts.messages.ReserveInventory;
import dev.fulfilment.support.messaging.IncomingMessage;
import dev.fulfilment.support.messaging.MessageHandler;
import dev.fulfilment.support.messaging.OutgoingMessage;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * The commands on inventory-commands. The reservation item is both the effect and the record
 * that the command was handled: a redelivered command finds it and causes the same reply again
 * (same messageId), so a reply lost between DynamoDB and SQS is never lost for good.
 *
 * <p>The reserves of a batch are first tried together ({@link ReservationService#reserveTogether}):
 * each then replies with the reservation made for it, or, if none was, decides alone.
 */
@ApplicationScoped
public class InventoryCommandHandler implements MessageHandler {

    private final ReservationService reservations;
    /** Reservations made together for a batch's messages, by messageId, until each is handled. */
    private final Map<UUID, Reservation> reservedTogether = new ConcurrentHashMap<>();

    InventoryCommandHandler(ReservationService reservations) {
        this.reservations = reservations;
    }

    @Override
    public Set<Class<? extends MessagePayload>> handles() {
        return Set.of(ReserveInventory.class, ReleaseInventory.class);
    }

    @Override
    public void prepare(List<IncomingMessage> batch) {
        // An order whose command came twice in the batch decides alone: the second copy finds it.
        var byOrder = batch.stream()
                .filter(message -> message.payload() instanceof ReserveInventory)
                .collect(Collectors.groupingBy(IncomingMessage::orderId, LinkedHashMap::new, Collectors.toList()));
        var once = byOrder.values().stream()
                .filter(copies -> copies.size() == 1)
                .map(List::getFirst)
                .toList();
        if (once.size() < 2) {
            return;
        }
        var lines = new LinkedHashMap<UUID, List<OrderLine>>();
        once.forEach(message -> lines.put(message.orderId(), ((ReserveInventory) message.payload()).lines()));
        var made = reservations.reserveTogether(lines);
        for (var message : once) {
            var reservation = made.get(message.orderId());
            if (reservation != null) {
                reservedTogether.put(message.messageId(), reservation);
            }
        }
    }

    @Override
    public List<OutgoingMessage> handle(IncomingMessage message) {
        var reply = switch (message.payload()) {
            case ReserveInventory reserve -> {
                var together = reservedTogether.remove(message.messageId());
                yield (together != null
                                ? together
                                : reservations.reserveAllOrNothing(message.orderId(), reserve.lines()))
                        .reserveReply();
            }
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
