-- The tables each service on PostgreSQL creates in its own first migration.
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
