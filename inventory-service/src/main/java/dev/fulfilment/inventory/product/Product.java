package dev.fulfilment.inventory.product;

import java.math.BigDecimal;

/**
 * A product and its stock.
 *
 * @param unitPrice in the shop's currency ({@code inventory.currency}), two decimals
 * @param available units that can still be reserved
 * @param reserved units held by orders
 * @param version raised by every change of the product, its stock included: what an
 *     If-Match compares
 */
public record Product(String sku, String name, BigDecimal unitPrice, long available, long reserved, long version) {

    /** Skus are upper-case letters, digits and dashes, as in the message contracts. */
    public static final String SKU_PATTERN = "^[A-Z0-9][A-Z0-9-]{0,63}$";

    /** What a sku that does not match {@link #SKU_PATTERN} is told. */
    public static final String SKU_RULE = "must be upper-case letters, digits and dashes";
}
