-- A customer's open orders (OrderStatus.isOpen), which the limits of orders.limits count at
-- every POST /orders: an index of the few that hold stock, not of the customer's history.
CREATE INDEX orders_open_by_customer ON orders (customer_id)
    WHERE status IN ('PENDING', 'INVENTORY_RESERVED', 'CONFIRMED', 'CANCELLING');
