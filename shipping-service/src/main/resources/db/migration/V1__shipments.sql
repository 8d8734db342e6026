-- shipping-service schema: one shipment per order. The outbox and processed-messages tables
-- are the outbox module's (db/outbox).

CREATE TABLE shipments (
    id            uuid         PRIMARY KEY,
    -- One shipment per order, whatever arrives twice or at the same time.
    order_id      uuid         NOT NULL UNIQUE,
    status        varchar(20)  NOT NULL,
    -- Null for a shipment cancelled before its CreateShipment arrived.
    lines         jsonb,
    recipient     varchar(200),
    address_line1 varchar(200),
    address_line2 varchar(200),
    city          varchar(100),
    postal_code   varchar(20),
    country       char(2),
    created_at    timestamptz  NOT NULL,
    updated_at    timestamptz  NOT NULL,
    dispatched_at timestamptz,
    delivered_at  timestamptz,
    cancelled_at  timestamptz,
    version       bigint       NOT NULL
);
