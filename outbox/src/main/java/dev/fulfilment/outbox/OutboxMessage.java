package dev.fulfilment.outbox;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** A message written with the state change that caused it, waiting for the relay to send it. */
@Entity
@Table(name = "outbox")
public class OutboxMessage {

    /** The message's messageId: a resend after a crash carries the same id. */
    @Id
    public UUID id;

    @Column(name = "message_type", nullable = false)
    public String messageType;

    @Column(name = "order_id", nullable = false)
    public UUID orderId;

    @Column(name = "traceparent")
    public String traceparent;

    /** The encoded envelope, exactly as it goes to SQS. */
    @Column(name = "body", nullable = false)
    public String body;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;
}
