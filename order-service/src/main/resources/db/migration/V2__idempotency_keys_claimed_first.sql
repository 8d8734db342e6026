-- An Idempotency-Key is claimed before the request runs, in the same transaction: its
-- order and response are known only at the end of it.
ALTER TABLE idempotency_keys ALTER COLUMN order_id DROP NOT NULL;
ALTER TABLE idempotency_keys ALTER COLUMN response_body DROP NOT NULL;
