-- When the stock was reserved: the start of the saga's reserved_to_confirmed stage, kept on
-- the order so that confirming it does not read its whole timeline.
ALTER TABLE orders ADD COLUMN reserved_at timestamptz;
UPDATE orders o SET reserved_at = (
    SELECT max(t.occurred_at) FROM order_timeline t WHERE t.order_id = o.id AND t.status = 'INVENTORY_RESERVED');
