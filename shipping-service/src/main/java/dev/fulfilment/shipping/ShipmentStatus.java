package dev.fulfilment.shipping;

import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/** The life of a shipment; once it has left the warehouse it can no longer be cancelled. */
public enum ShipmentStatus {
    SCHEDULED,
    DISPATCHED,
    DELIVERED,
    CANCELLED;

    private static final Map<ShipmentStatus, Set<ShipmentStatus>> LEGAL_MOVES = Map.of(
            SCHEDULED, EnumSet.of(DISPATCHED, CANCELLED),
            DISPATCHED, EnumSet.of(DELIVERED),
            DELIVERED, EnumSet.noneOf(ShipmentStatus.class),
            CANCELLED, EnumSet.noneOf(ShipmentStatus.class));

    public boolean canMoveTo(ShipmentStatus next) {
        return LEGAL_MOVES.get(this).contains(next);
    }

    public boolean hasLeftTheWarehouse() {
        return this == DISPATCHED || this == DELIVERED;
    }
}
