package dev.fulfilment.inventory.reservation;

import dev.fulfilment.contracts.messages.InventoryRejected;
import dev.fulfilment.contracts.messages.InventoryReserved;
import dev.fulfilment.contracts.messages.MessagePayload;
import dev.fulfilment.contracts.messages.ReservedLine;
import java.util.List;
import java.util.UUID;

/**
 * What inventory-service decided for one order, kept under the order's id. Because every
 * command for the order meets this one item first, a repeated command finds the decision and
 * re-sends the same reply, at the same prices, instead of reserving again.
 *
 * @param lines what is held (RESERVED), at the prices of the moment it was reserved; what was
 *     asked for (REJECTED), without prices; empty for a release that came before any reserve
 * @param currency the prices' currency; null when nothing was reserved
 */
public record Reservation(
        UUID orderId,
        Status status,
        List<ReservedLine> lines,
        String currency,
        String reason,
        List<String> shortSkus,
        List<String> unknownSkus) {

    public enum Status {
        /** The lines' units are held for the order. */
        RESERVED,
        /** Nothing was reserved: some skus were short or unknown. */
        REJECTED,
        /** Whatever was held is back in stock, or the order was cancelled before any reserve. */
        RELEASED
    }

    /** Whether RELEASED came from a release that arrived before (or instead of) a reserve. */
    public boolean releasedBeforeReserve() {
        return status == Status.RELEASED && lines.isEmpty();
    }

    /** The reply to the order's ReserveInventory, the same every time it is asked. */
    public MessagePayload reserveReply() {
        return switch (status) {
            case RESERVED -> new InventoryReserved(lines, currency);
            case REJECTED -> new InventoryRejected(reason, shortSkus, unknownSkus);
            case RELEASED ->
                releasedBeforeReserve()
                        ? new InventoryRejected(
                                "the order was cancelled before its stock was reserved", List.of(), List.of())
                        : new InventoryReserved(lines, currency);
        };
    }
}
