-- The outbox module's tables, in the database of every service that uses it (Flyway applies
-- them with the service's own migrations: quarkus.flyway.locations includes db/outbox).

-- Messages written with the state change that caused them, until the relay has sent them.
CREATE TABLE outbox (
    id           uuid        PRIMARY KEY,
    message_type varchar(64) NOT NULL,
    order_id     uuid        NOT NULL,
    traceparent  varchar(55),
    body         text        NOT NULL,
    created_at   timestamptz NOT NULL
);
CREATE INDEX outbox_oldest_first ON outbox (created_at);

-- The messages the service has handled, so that a redelivery changes nothing.
CREATE TABLE processed_messages (
    message_id   uuid        PRIMARY KEY,
    message_type varchar(64) NOT NULL,
    processed_at timestamptz NOT NULL
);
-- Rows older than outbox.processed-messages-retention are deleted hourly.
CREATE INDEX processed_messages_oldest_first ON processed_messages (processed_at);
