package dev.fulfilment.order.idempotency;

import dev.fulfilment.support.problem.DomainException;

/** The key was used before with another request body. */
public class IdempotencyKeyReusedException extends DomainException {

    public IdempotencyKeyReusedException(String key) {
        super(
                422,
                "idempotency-key-reused",
                "Idempotency-Key reused with another request",
                "Idempotency-Key '" + key + "' was used for a different order; use a new key for a new order");
    }
}
