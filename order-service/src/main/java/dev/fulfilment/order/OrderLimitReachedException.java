package dev.fulfilment.order;

import dev.fulfilment.support.problem.DomainException;

/** The order would take the customer past a limit of what one customer may hold. */
public class OrderLimitReachedException extends DomainException {

    private OrderLimitReachedException(String detail) {
        super(422, "order-limit", "Order limit reached", detail);
    }

    public static OrderLimitReachedException openOrders(int limit) {
        return new OrderLimitReachedException("a customer may have at most " + limit
                + " open orders (placed and not yet shipped); wait until one ships, or cancel one"
                + " (orders.limits.open-orders)");
    }

    public static OrderLimitReachedException openUnits(int limit, long held, long ordered) {
        return new OrderLimitReachedException("a customer's open orders may hold at most " + limit
                + " units together; yours hold " + held + " and this order " + ordered
                + " (orders.limits.open-units)");
    }
}
