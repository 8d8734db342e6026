package dev.fulfilment.outbox;

import dev.fulfilment.support.messaging.MessageSender;
import dev.fulfilment.support.messaging.OutgoingMessage;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Where a service puts the messages a state change causes. The message is a row written in
 * the same transaction as the change, so both happen or neither does; the relay sends it
 * right after the commit ({@link OutboxWritten}).
 */
@ApplicationScoped
public class Outbox {

    private final EntityManager entityManager;
    private final MessageSender sender;
    private final Event<OutboxWritten> written;
    private final Quiet quiet;

    Outbox(EntityManager entityManager, MessageSender sender, Event<OutboxWritten> written, Quiet quiet) {
        this.entityManager = entityManager;
        this.sender = sender;
        this.written = written;
        this.quiet = quiet;
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void enqueue(OutgoingMessage message) {
        enqueueAll(List.of(message));
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void enqueueAll(List<OutgoingMessage> messages) {
        write(messages, false);
    }

    /**
     * Puts in the outbox what a received message caused, in the transaction that handles its
     * batch: the relay sends such messages as soon as the batch commits, without lingering
     * ({@link OutboxRelay}), since they are already as many as the batch received.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    void enqueueCaused(List<OutgoingMessage> messages) {
        write(messages, true);
    }

    private void write(List<OutgoingMessage> messages, boolean caused) {
        if (messages.isEmpty()) {
            return;
        }
        var now = Instant.now();
        var encoded = new ArrayList<MessageSender.Encoded>(messages.size());
        for (var message : messages) {
            var row = new OutboxMessage();
            var body = sender.encode(message);
            row.id = message.messageId();
            row.messageType = message.type().wireName();
            row.orderId = message.orderId();
            row.traceparent = message.traceparent();
            row.body = body.body();
            row.createdAt = now;
            entityManager.persist(row);
            encoded.add(body);
        }
        written.fire(new OutboxWritten(encoded, caused));
        quiet.worked();
    }

    /**
     * Rows were written to the outbox, these messages; observers with {@code during =
     * AFTER_SUCCESS} hear of it once the transaction has committed, never if it rolls back.
     *
     * @param caused whether a received message caused them (the inbox's batch), rather than a
     *     request or a timed job
     */
    public record OutboxWritten(List<MessageSender.Encoded> messages, boolean caused) {}
}
