package dev.fulfilment.order;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import java.math.BigDecimal;

/** One line of an order: a product, how many, and the unit price once the stock is reserved. */
@Embeddable
public class OrderLine {

    @Column(name = "sku", nullable = false)
    public String sku;

    @Column(name = "quantity", nullable = false)
    public int quantity;

    /** In the order's currency; null until the stock is reserved at a price. */
    @Column(name = "unit_price", precision = 12, scale = 2)
    public BigDecimal unitPrice;

    protected OrderLine() {}

    public OrderLine(String sku, int quantity) {
        this.sku = sku;
        this.quantity = quantity;
    }

    /** Unit price times quantity; null while the price is not known. */
    public BigDecimal total() {
        return Prices.lineTotal(unitPrice, quantity);
    }
}
