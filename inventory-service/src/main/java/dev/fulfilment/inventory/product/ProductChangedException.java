package dev.fulfilment.inventory.product;

import dev.fulfilment.support.problem.DomainException;

/** If-Match named a version of the product that is no longer current. */
public class ProductChangedException extends DomainException {

    public ProductChangedException(String sku, Long expectedVersion, long currentVersion) {
        super(
                412,
                "product-changed",
                "The product changed since it was read",
                "product " + sku + " is at version " + currentVersion + ", not " + expectedVersion
                        + ": read it again (its stock may have moved) and send the change with its new ETag");
    }
}
