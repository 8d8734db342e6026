package dev.fulfilment.outbox;

import dev.fulfilment.support.messaging.EnvelopeCodec;
import dev.fulfilment.support.messaging.OutgoingMessage;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.TransactionSynchronizationRegistry;
import jakarta.transaction.Transactional;
import java.time.Instant;

/**
 * Where a service puts the messages a state change causes. The message is a row written in
 * the same transaction as the change, so both happen or neither does; the relay sends it
 * right after the commit.
 */
@ApplicationScoped
public class Outbox {

    private static final Object WAKE_UP_REGISTERED = new Object();

    private final EntityManager entityManager;
    private final EnvelopeCodec codec;
    private final OutboxRelay relay;
    private final TransactionSynchronizationRegistry transactions;

    Outbox(
            EntityManager entityManager,
            EnvelopeCodec codec,
            OutboxRelay relay,
            TransactionSynchronizationRegistry transactions) {
        this.entityManager = entityManager;
        this.codec = codec;
        this.relay = relay;
        this.transactions = transactions;
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void enqueue(OutgoingMessage message) {
        var row = new OutboxMessage();
        row.id = message.messageId();
        row.messageType = message.type().wireName();
        row.orderId = message.orderId();
        row.traceparent = message.traceparent();
        row.body = codec.encode(message);
        row.createdAt = Instant.now();
        entityManager.persist(row);
        wakeRelayAfterCommit();
    }

    private void wakeRelayAfterCommit() {
        if (transactions.getResource(WAKE_UP_REGISTERED) != null) {
            return;
        }
        transactions.putResource(WAKE_UP_REGISTERED, Boolean.TRUE);
        AfterCommit.run(transactions, relay::wakeUp);
    }
}
