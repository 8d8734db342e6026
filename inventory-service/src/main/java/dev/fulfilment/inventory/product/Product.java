package dev.fulfilment.inventory.product;

import java.math.BigDecimal;

/**
 * A product and its stock.
 *
 * @param available units that can still be reserved
 * @param reserved units held by orders
 */
public record Product(String sku, String name, BigDecimal unitPrice, long available, long reserved) {

    /** Skus are upper-case letters, digits and dashes, as in the message contracts. */
    public static final String SKU_PATTERN = "^[A-Z0-9][A-Z0-9-]{0,63}$";
}
