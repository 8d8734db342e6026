package dev.fulfilment.order;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;

/** One line of an order. */
@Embeddable
public class OrderLine {

    @Column(name = "sku", nullable = false)
    public String sku;

    @Column(name = "quantity", nullable = false)
    public int quantity;

    protected OrderLine() {}

    public OrderLine(String sku, int quantity) {
        this.sku = sku;
        this.quantity = quantity;
    }
}
