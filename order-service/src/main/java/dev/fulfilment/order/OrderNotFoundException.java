package dev.fulfilment.order;

import dev.fulfilment.support.problem.DomainException;
import java.util.UUID;

/** No order has this id. */
public class OrderNotFoundException extends DomainException {

    public OrderNotFoundException(UUID orderId) {
        super(404, "order-not-found", "Order not found", "no order has id " + orderId);
    }
}
