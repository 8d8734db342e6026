package dev.fulfilment.order;

import dev.fulfilment.support.problem.DomainException;
import java.util.UUID;

/** The order is past the point where it can be cancelled. */
public class OrderNotCancellableException extends DomainException {

    public OrderNotCancellableException(UUID orderId, OrderStatus status) {
        super(
                409,
                "order-not-cancellable",
                "The order can no longer be cancelled",
                "order " + orderId + " is " + status + ": "
                        + (status == OrderStatus.REJECTED
                                ? "it was rejected and holds nothing to cancel"
                                : "its shipment has left the warehouse"));
    }
}
