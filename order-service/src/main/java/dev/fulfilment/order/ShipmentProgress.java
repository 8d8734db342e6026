package dev.fulfilment.order;

/**
 * How far the order's shipment has got, as shipping-service reported it. It only moves
 * forward, and it is kept whatever the order's status, so that an event that arrives while
 * the order cannot act on it yet (during CANCELLING, say) is not forgotten.
 */
public enum ShipmentProgress {
    NONE,
    SCHEDULED,
    DISPATCHED,
    DELIVERED;

    public ShipmentProgress furthest(ShipmentProgress other) {
        return other.ordinal() > ordinal() ? other : this;
    }
}
