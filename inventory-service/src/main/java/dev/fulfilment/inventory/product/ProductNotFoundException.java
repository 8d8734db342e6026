package dev.fulfilment.inventory.product;

import dev.fulfilment.support.problem.DomainException;

/** No product has this sku. */
public class ProductNotFoundException extends DomainException {

    public ProductNotFoundException(String sku) {
        super(404, "product-not-found", "Product not found", "no product has sku " + sku);
    }
}
