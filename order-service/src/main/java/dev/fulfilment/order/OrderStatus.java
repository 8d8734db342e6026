package dev.fulfilment.order;

import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * The life of an order, and the only place that says which moves are legal. A move that is
 * not listed never happens, so a late, repeated or out-of-order message cannot take an order
 * backwards. Moves may skip a step when messages overtake each other (a ShipmentDispatched
 * that arrives before its ShipmentScheduled takes INVENTORY_RESERVED straight to SHIPPED).
 */
public enum OrderStatus {
    PENDING,
    INVENTORY_RESERVED,
    CONFIRMED,
    SHIPPED,
    DELIVERED,
    REJECTED,
    CANCELLING,
    CANCELLED;

    private static final Map<OrderStatus, Set<OrderStatus>> LEGAL_MOVES = Map.of(
            PENDING, EnumSet.of(INVENTORY_RESERVED, REJECTED, CANCELLING),
            INVENTORY_RESERVED, EnumSet.of(CONFIRMED, SHIPPED, DELIVERED, CANCELLING),
            CONFIRMED, EnumSet.of(SHIPPED, DELIVERED, CANCELLING),
            SHIPPED, EnumSet.of(DELIVERED),
            // A cancel that came too late: the shipment had left, and the order goes on.
            CANCELLING, EnumSet.of(CANCELLED, SHIPPED, DELIVERED),
            DELIVERED, EnumSet.noneOf(OrderStatus.class),
            REJECTED, EnumSet.noneOf(OrderStatus.class),
            CANCELLED, EnumSet.noneOf(OrderStatus.class));

    public boolean canMoveTo(OrderStatus next) {
        return LEGAL_MOVES.get(this).contains(next);
    }

    /** Whether a customer may still cancel: until the shipment is dispatched. */
    public boolean isCancellable() {
        return canMoveTo(CANCELLING);
    }

    /**
     * Whether an order in this status holds (or may yet hold) the stock of its lines: from
     * placed until shipped, rejected or cancelled. What one customer may hold is limited.
     */
    public boolean isOpen() {
        return this == PENDING || this == INVENTORY_RESERVED || this == CONFIRMED || this == CANCELLING;
    }

    public boolean isFinal() {
        return LEGAL_MOVES.get(this).isEmpty();
    }
}
