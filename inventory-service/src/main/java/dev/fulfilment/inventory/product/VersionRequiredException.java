package dev.fulfilment.inventory.product;

import dev.fulfilment.support.problem.DomainException;

/** An absolute stock count was sent without the version it was meant for. */
public class VersionRequiredException extends DomainException {

    public VersionRequiredException(String sku) {
        super(
                428,
                "version-required",
                "If-Match is required to set the stock",
                "setting product " + sku + "'s available count needs If-Match with the ETag of the product as"
                        + " read, so that reservations made since are not overwritten; to add or remove units,"
                        + " POST /inventory/" + sku + "/adjustments instead");
    }
}
