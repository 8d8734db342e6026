package dev.fulfilment.order.service;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * What one customer may hold at once. An order holds its stock from the moment it is placed
 * until it ships (or is rejected or cancelled), and there is no payment step: without these
 * limits one self-registered customer could reserve every product's whole stock.
 */
@ConfigMapping(prefix = "orders.limits")
public interface OrderLimits {

    /** Orders a customer may have open (placed, and not yet shipped, rejected or cancelled). */
    @WithDefault("10")
    int openOrders();

    /** Units all of a customer's open orders may hold together, the new one included. */
    @WithDefault("200")
    int openUnits();
}
