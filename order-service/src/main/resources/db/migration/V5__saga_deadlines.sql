-- Saga deadlines: an order that waits too long for a reply has the command it waits on sent
-- again a few times (reminders), then is marked stuck for an operator to look at.
ALTER TABLE orders ADD COLUMN reminders integer NOT NULL DEFAULT 0;
ALTER TABLE orders ADD COLUMN stuck_since timestamptz;
-- The deadline check reads the orders that wait, oldest change first.
CREATE INDEX orders_waiting_oldest_first ON orders (updated_at)
    WHERE status IN ('PENDING', 'INVENTORY_RESERVED', 'CANCELLING') AND stuck_since IS NULL;
