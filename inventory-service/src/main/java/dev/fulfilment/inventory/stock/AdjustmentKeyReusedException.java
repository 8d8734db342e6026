package dev.fulfilment.inventory.stock;

import dev.fulfilment.support.problem.DomainException;

/** The Idempotency-Key came before with another adjustment. */
public class AdjustmentKeyReusedException extends DomainException {

    public AdjustmentKeyReusedException(String key) {
        super(
                422,
                "idempotency-key-reused",
                "Idempotency-Key reused with another request",
                "Idempotency-Key '" + key + "' was used for a different adjustment; use a new key for a new one");
    }
}
