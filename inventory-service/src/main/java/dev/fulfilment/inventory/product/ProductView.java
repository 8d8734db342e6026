package dev.fulfilment.inventory.product;

import java.math.BigDecimal;

/**
 * A product as the API shows it; its version is the response's ETag.
 *
 * @param unitPrice in {@code currency}
 * @param available units that can still be ordered
 * @param reserved units held by orders not yet delivered
 */
public record ProductView(
        String sku, String name, BigDecimal unitPrice, String currency, long available, long reserved) {

    static ProductView of(Product product, String currency) {
        return new ProductView(
                product.sku(), product.name(), product.unitPrice(), currency, product.available(), product.reserved());
    }
}
