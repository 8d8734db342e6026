package dev.fulfilment.order.service;

import dev.fulfilment.order.Order;

/**
 * Who asks, as far as orders care: a customer sees and cancels its own orders only; the back
 * office reads everyone's. Anyone else never reaches the order service.
 */
public sealed interface Caller {

    /** A customer, by the id its token's subject gives it. */
    record Customer(String id) implements Caller {}

    /** An operator of the back office. */
    record BackOffice(String name) implements Caller {}

    /** Whether the caller may see the order; one it may not see is, to it, no order at all. */
    default boolean maySee(Order order) {
        return maySeeOrdersOf(order.customerId);
    }

    /** Whether the caller may see that customer's orders. */
    default boolean maySeeOrdersOf(String customerId) {
        return switch (this) {
            case Customer customer -> customer.id().equals(customerId);
            case BackOffice ignored -> true;
        };
    }
}
