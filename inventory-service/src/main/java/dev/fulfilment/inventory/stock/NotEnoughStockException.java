package dev.fulfilment.inventory.stock;

import dev.fulfilment.support.problem.DomainException;

/** An adjustment would take more units than are available. */
public class NotEnoughStockException extends DomainException {

    public NotEnoughStockException(String sku, int removed, long available) {
        super(
                409,
                "not-enough-stock",
                "Not enough stock to remove",
                "cannot remove " + removed + " units of " + sku + ": " + available
                        + " are available (reserved units belong to orders)");
    }
}
