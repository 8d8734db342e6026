-- shipping-service schema: one shipment per order, and the outbox and processed-messages
-- tables of its messaging.

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

CREATE TABLE outbox (
    id           uuid        PRIMARY KEY,
    message_type varchar(64) NOT NULL,
    order_id     uuid        NOT NULL,
    traceparent  varchar(55),
    body         text        NOT NULL,
    created_at   timestamptz NOT NULL
);
CREATE INDEX outbox_oldest_first ON outbox (created_at);

CREATE TABLE processed_messages (
    message_id   uuid        PRIMARY KEY,
    message_type varchar(64) NOT NULL,
    processed_at timestamptz NOT NULL
);
-- Rows older than outbox.processed-messages-retention are deleted hourly.
CREATE INDEX processed_messages_oldest_first ON processed_messages (processed_at);
