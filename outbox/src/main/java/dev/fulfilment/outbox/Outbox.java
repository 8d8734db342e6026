package dev.fulfilment.outbox;

import dev.fulfilment.support.messaging.EnvelopeCodec;
import dev.fulfilment.support.messaging.OutgoingMessage;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.List;

/**
 * Where a service puts the messages a state change causes. The message is a row written in
 * the same transaction as the change, so both happen or neither does; the relay sends it
 * right after the commit ({@link OutboxWritten}).
 */
@ApplicationScoped
public class Outbox {

    private final EntityManager entityManager;
    private final EnvelopeCodec codec;
    private final Event<OutboxWritten> written;

    Outbox(EntityManager entityManager, EnvelopeCodec codec, Event<OutboxWritten> written) {
        this.entityManager = entityManager;
        this.codec = codec;
        this.written = written;
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void enqueue(OutgoingMessage message) {
        enqueueAll(List.of(message));
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void enqueueAll(List<OutgoingMessage> messages) {
        if (messages.isEmpty()) {
            return;
        }
        var now = Instant.now();
        for (var message : messages) {
            var row = new OutboxMessage();
            row.id = message.messageId();
            row.messageType = message.type().wireName();
            row.orderId = message.orderId();
            row.traceparent = message.traceparent();
            row.body = codec.encode(message);
            row.createdAt = now;
            entityManager.persist(row);
        }
        written.fire(OutboxWritten.INSTANCE);
    }

    /**
     * Rows were written to the outbox; observers with {@code during = AFTER_SUCCESS} hear of it
     * once the transaction has committed, never if it rolls back.
     */
    public enum OutboxWritten {
        INSTANCE
    }
}
