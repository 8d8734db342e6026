-- The back office lists the stuck orders, newest first: few among many.
CREATE INDEX orders_stuck_newest_first ON orders (created_at DESC, id DESC) WHERE stuck_since IS NOT NULL;
