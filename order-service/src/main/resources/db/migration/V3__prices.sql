-- The price of each line is fixed when its stock is reserved (InventoryReserved version 2),
-- in the order's currency. Null until then, and for orders reserved by an inventory-service
-- that sent no prices (version 1). Totals are derived from the lines.
ALTER TABLE order_lines ADD COLUMN unit_price numeric(12, 2) CHECK (unit_price >= 0);
ALTER TABLE orders ADD COLUMN currency char(3);
