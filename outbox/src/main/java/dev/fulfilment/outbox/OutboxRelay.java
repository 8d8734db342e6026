package dev.fulfilment.outbox;

import dev.fulfilment.contracts.MessageType;
import dev.fulfilment.support.messaging.Backoff;
import dev.fulfilment.support.messaging.MessageSender;
import dev.fulfilment.support.resilience.DependencyFailures;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.persistence.EntityManager;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * Sends outbox rows to SQS in batches: right after a commit that wrote some, and every
 * poll interval for any left behind. A row is claimed by deleting it, picked with {@code FOR
 * UPDATE SKIP LOCKED}, so several instances relay side by side without sending a row twice at
 * once; the delete commits once SQS has accepted the row, and a row SQS refused is written
 * back. If SQS is down the rows wait, and the relay backs off: a delay, never a loss. A crash
 * between the send and the commit sends the row again with the same messageId, which
 * consumers skip.
 */
@ApplicationScoped
public class OutboxRelay {

    private static final Logger LOG = Logger.getLogger(OutboxRelay.class);

    private final EntityManager entityManager;
    private final MessageSender sender;
    private final OutboxConfig config;
    private final Backoff backoff;
    private final Semaphore wakeUps = new Semaphore(0);
    private volatile boolean running;
    /** Set at shutdown: a backlog is not drained past the batch in hand. */
    private volatile boolean stopping;

    private Thread relayThread;

    OutboxRelay(EntityManager entityManager, MessageSender sender, OutboxConfig config) {
        this.entityManager = entityManager;
        this.sender = sender;
        this.config = config;
        this.backoff = new Backoff(Duration.ofMillis(400), config.maxBackoff());
    }

    void start(@Observes StartupEvent startup) {
        if (!config.relayEnabled()) {
            LOG.info("Outbox relay disabled (outbox.relay-enabled=false)");
            return;
        }
        running = true;
        relayThread = Thread.ofVirtual().name("outbox-relay").start(this::relayUntilStopped);
    }

    /** Stops after the batch in hand: what is left waits for the next instance, or the next start. */
    void stop(@Observes ShutdownEvent shutdown) {
        stopping = true;
        running = false;
        if (relayThread != null) {
            wakeUps.release();
            try {
                relayThread.join(Duration.ofSeconds(5));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** A commit wrote outbox rows: relay them now rather than at the next poll. */
    void wakeUp(@Observes(during = TransactionPhase.AFTER_SUCCESS) Outbox.OutboxWritten written) {
        wakeUps.release();
    }

    private void relayUntilStopped() {
        var failures = 0;
        while (running) {
            try {
                wakeUps.tryAcquire(config.pollInterval().toMillis(), TimeUnit.MILLISECONDS);
                wakeUps.drainPermits();
                relayAll();
                failures = 0;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                failures++;
                var pause = backoff.after(failures);
                LOG.warnf(
                        "Outbox relay failed (%s); the messages wait, next try in %d ms",
                        DependencyFailures.rootMessage(e), pause.toMillis());
                sleep(pause);
            }
        }
    }

    /** Relays until the outbox has nothing left that no other instance holds, or a stop. */
    public void relayAll() {
        while (relayBatch() == config.batchSize() && !stopping) {
            // a full batch: there may be more
        }
    }

    /** @return how many rows this transaction claimed */
    int relayBatch() {
        return QuarkusTransaction.requiringNew().call(() -> {
            // Claimed by deleting them: one round trip instead of a select and a delete. The
            // rows stay locked until the commit, and a rollback (a crash, SQS refusing the whole
            // batch) brings them back.
            @SuppressWarnings("unchecked")
            List<OutboxMessage> claimed = entityManager
                    .createNativeQuery("""
                            DELETE FROM outbox WHERE id IN (
                              SELECT id FROM outbox ORDER BY created_at LIMIT :limit FOR UPDATE SKIP LOCKED)
                            RETURNING *""", OutboxMessage.class)
                    .setParameter("limit", config.batchSize())
                    .getResultList();
            if (claimed.isEmpty()) {
                return 0;
            }
            var failed = sender.sendBatch(claimed.stream()
                    .sorted(Comparator.comparing(row -> row.createdAt))
                    .map(row -> new MessageSender.Encoded(
                            row.id, MessageType.fromWireName(row.messageType).orElseThrow(), row.traceparent, row.body))
                    .toList());
            if (!failed.isEmpty()) {
                claimed.stream().filter(row -> failed.contains(row.id)).forEach(this::putBack);
                LOG.warnf(
                        "SQS refused %d of %d outbox messages; they stay for the next try",
                        failed.size(), claimed.size());
            }
            return claimed.size();
        });
    }

    /** Writes a claimed row again, as it was, for the next try: SQS did not take it. */
    private void putBack(OutboxMessage row) {
        entityManager
                .createNativeQuery("""
                        INSERT INTO outbox (id, message_type, order_id, traceparent, body, created_at)
                        VALUES (:id, :type, :orderId, :traceparent, :body, :createdAt)""")
                .setParameter("id", row.id)
                .setParameter("type", row.messageType)
                .setParameter("orderId", row.orderId)
                .setParameter("traceparent", row.traceparent)
                .setParameter("body", row.body)
                .setParameter("createdAt", row.createdAt)
                .executeUpdate();
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
