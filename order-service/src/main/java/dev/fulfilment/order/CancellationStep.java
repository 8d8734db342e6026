package dev.fulfilment.order;

/**
 * What a CANCELLING order waits for. The shipment is cancelled before the stock is released,
 * so that stock is never back on sale while its goods may still leave the warehouse.
 */
public enum CancellationStep {
    AWAITING_SHIPMENT_CANCELLATION,
    AWAITING_INVENTORY_RELEASE
}
