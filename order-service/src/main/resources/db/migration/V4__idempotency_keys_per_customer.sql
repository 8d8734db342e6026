-- An Idempotency-Key is the customer's own: two customers may use the same key, and
-- neither can replay the other's. Keys claimed before customers signed in belong to the
-- customer of their order; a key whose request never finished is forgotten.
ALTER TABLE idempotency_keys ADD COLUMN customer_id varchar(64);
UPDATE idempotency_keys k SET customer_id = o.customer_id FROM orders o WHERE o.id = k.order_id;
DELETE FROM idempotency_keys WHERE customer_id IS NULL;
ALTER TABLE idempotency_keys ALTER COLUMN customer_id SET NOT NULL;
ALTER TABLE idempotency_keys DROP CONSTRAINT idempotency_keys_pkey;
ALTER TABLE idempotency_keys ADD PRIMARY KEY (customer_id, idempotency_key);
