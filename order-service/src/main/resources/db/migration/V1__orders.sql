-- order-service schema: orders with their lines and timeline, and the idempotency keys of
-- POST /orders. The outbox and processed-messages tables are the outbox module's (db/outbox).

CREATE TABLE orders (
    id                uuid         PRIMARY KEY,
    customer_id       varchar(64)  NOT NULL,
    status            varchar(32)  NOT NULL,
    -- While CANCELLING: which compensation the saga waits for.
    cancellation_step varchar(40),
    -- How far the shipment has got, as reported by shipping-service; never goes back.
    shipment_progress varchar(20)  NOT NULL,
    shipment_id       uuid,
    rejection_reason  varchar(500),
    recipient         varchar(200) NOT NULL,
    address_line1     varchar(200) NOT NULL,
    address_line2     varchar(200),
    city              varchar(100) NOT NULL,
    postal_code       varchar(20)  NOT NULL,
    country           char(2)      NOT NULL,
    created_at        timestamptz  NOT NULL,
    updated_at        timestamptz  NOT NULL,
    version           bigint       NOT NULL
);

-- GET /orders: newest first, by customer or not, with a (created_at, id) cursor.
CREATE INDEX orders_by_customer_newest_first ON orders (customer_id, created_at DESC, id DESC);
CREATE INDEX orders_newest_first ON orders (created_at DESC, id DESC);

CREATE TABLE order_lines (
    order_id    uuid        NOT NULL REFERENCES orders (id),
    line_number int         NOT NULL,
    sku         varchar(64) NOT NULL,
    quantity    int         NOT NULL CHECK (quantity > 0),
    PRIMARY KEY (order_id, line_number)
);

CREATE TABLE order_timeline (
    id          bigserial    PRIMARY KEY,
    order_id    uuid         NOT NULL REFERENCES orders (id),
    status      varchar(32)  NOT NULL,
    reason      varchar(500) NOT NULL,
    occurred_at timestamptz  NOT NULL,
    -- The message that caused the change; null for a user's request.
    caused_by   uuid
);
CREATE INDEX order_timeline_by_order ON order_timeline (order_id, occurred_at, id);

CREATE TABLE idempotency_keys (
    idempotency_key varchar(200) PRIMARY KEY,
    request_hash    char(64)     NOT NULL,
    order_id        uuid         NOT NULL,
    -- The body of the first response, replayed for the same key and body.
    response_body   text         NOT NULL,
    created_at      timestamptz  NOT NULL
);
-- Keys older than idempotency.key-retention are deleted hourly.
CREATE INDEX idempotency_keys_oldest_first ON idempotency_keys (created_at);
