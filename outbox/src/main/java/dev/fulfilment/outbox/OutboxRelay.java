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
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.jboss.logging.Logger;

/**
 * Sends outbox rows to SQS. Two ways, one for the usual case and one for everything else:
 *
 * <ul>
 *   <li>Right after a commit, the messages it wrote are sent from memory, in as few {@code
 *       SendMessageBatch} requests as the queues allow, and the rows SQS accepted are deleted
 *       together, in one statement, once the first of them has waited {@code
 *       outbox.delete-linger} (one transaction for many sends). What a received batch caused
 *       goes as soon as the batch commits: it is a batch already. While requests commit as a
 *       stream (at least two a linger: the last five within two and a half), the first of
 *       their messages waits {@code outbox.linger} for others to go with it, so that the
 *       batch it starts stays one from hop to hop; a lone order's messages go at once.
 *   <li>Every poll interval, rows older than {@code outbox.claim-after} (left by a crash, a failed
 *       send, an SQS outage, or another instance that stopped) are claimed by deleting them,
 *       picked with {@code FOR UPDATE SKIP LOCKED} so that several instances relay side by side
 *       without sending a row twice at once, sent, and the delete commits; a row SQS refused is
 *       written back. If SQS is down the rows wait and the relay backs off: a delay, never a loss.
 * </ul>
 *
 * A crash between a send and the delete sends the row again, with the same messageId, which
 * consumers skip.
 */
@ApplicationScoped
public class OutboxRelay {

    private static final Logger LOG = Logger.getLogger(OutboxRelay.class);
    /** SQS takes ten messages per request; the relay sends at most this many per round. */
    private static final int ROUND = 100;

    /**
     * Requested commits a linger must bring, at the rate of the last few, for waiting one to be a
     * stream. Two, not one: one more message in a batch is not worth a linger.
     */
    private static final int STREAM_COMMITS_PER_LINGER = 2;

    private final EntityManager entityManager;
    private final MessageSender sender;
    private final OutboxConfig config;
    private final Backoff backoff;
    private final Quiet quiet;

    /** Guards the committed messages waiting to be sent from memory, and wakes the relay. */
    private final ReentrantLock lock = new ReentrantLock();

    private final Condition work = lock.newCondition();
    /** Guarded by lock: messages of requests and timed jobs; while they stream in, they linger. */
    private final List<MessageSender.Encoded> requested = new ArrayList<>();
    /** Guarded by lock: messages received messages caused, sent as soon as their batch committed. */
    private final List<MessageSender.Encoded> caused = new ArrayList<>();
    /** Guarded by lock: whether the batch that wrote {@link #caused} has committed in full. */
    private boolean causedComplete;
    /** Guarded by lock: when the requested messages waiting are due to be sent. */
    private long requestedDueAt;
    /** Guarded by lock: when the last few requested commits arrived. */
    private final long[] recentArrivals = new long[MessageSender.MAX_BATCH / 2];

    private int nextArrival;
    private volatile boolean running;
    /** Set at shutdown: a backlog is not drained past the batch in hand. */
    private volatile boolean stopping;
    /** Rows sent from memory, deleted together once the first has waited {@code outbox.delete-linger}. */
    private final List<UUID> sentRows = new ArrayList<>();

    private long firstSentAt;
    private Thread relayThread;
    private Instant nextPoll = Instant.MIN;

    OutboxRelay(EntityManager entityManager, MessageSender sender, OutboxConfig config, Quiet quiet) {
        this.entityManager = entityManager;
        this.sender = sender;
        this.config = config;
        this.quiet = quiet;
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
            wake();
            try {
                relayThread.join(Duration.ofSeconds(5));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /**
     * A commit wrote outbox rows: send them from memory rather than at the next poll. A request's
     * go at once, or, while requests stream in, once the first has lingered; those a received
     * batch caused go when the inbox says that its batch committed ({@link #causedCommitted}).
     */
    void committed(@Observes(during = TransactionPhase.AFTER_SUCCESS) Outbox.OutboxWritten written) {
        if (!running) {
            return;
        }
        lock.lock();
        try {
            // Bounded: past it, the rows wait for the poll, as after a crash.
            if (requested.size() + caused.size() < config.batchSize() * ROUND) {
                if (written.caused()) {
                    caused.addAll(written.messages());
                    return;
                }
                var now = System.nanoTime();
                if (requested.isEmpty()) {
                    requestedDueAt = streaming(now) ? now + config.linger().toNanos() : now;
                }
                requested.addAll(written.messages());
                recentArrivals[nextArrival] = now;
                nextArrival = (nextArrival + 1) % recentArrivals.length;
            }
            work.signal();
        } finally {
            lock.unlock();
        }
    }

    /**
     * A received batch committed, and what it caused is here in full: the relay sends it now, in
     * as few requests as its queues allow. It waits for no other commit: the batch it came from
     * was gathered by the receive already, and it goes on as one batch, hop after hop, with no
     * hop lingering again (decision 0022).
     */
    void causedCommitted() {
        lock.lock();
        try {
            if (!caused.isEmpty()) {
                causedComplete = true;
                work.signal();
            }
        } finally {
            lock.unlock();
        }
    }

    private void wake() {
        lock.lock();
        try {
            work.signal();
        } finally {
            lock.unlock();
        }
    }

    /**
     * Whether requests commit as a stream: the last few at least two a linger. Then the first
     * message waits a linger for others to join it; a lone order's messages never wait.
     */
    private boolean streaming(long now) {
        var oldest = recentArrivals[nextArrival];
        return oldest != 0
                && (now - oldest) * STREAM_COMMITS_PER_LINGER < config.linger().toNanos() * recentArrivals.length;
    }

    private void relayUntilStopped() {
        var failures = 0;
        while (running) {
            try {
                var toSend = awaitWork();
                if (!toSend.isEmpty() && !stopping) {
                    send(toSend);
                }
                if (!sentRows.isEmpty()
                        && System.nanoTime() - firstSentAt
                                >= config.deleteLinger().toNanos()) {
                    deleteSent();
                }
                // At rest the poll waits for the window the other jobs look in too (Quiet).
                if (!Instant.now().isBefore(nextPoll) && quiet.mayLook()) {
                    // Rows sent are deleted first: the poll must not take them for rows left behind.
                    deleteSent();
                    relayAll();
                    nextPoll = Instant.now().plus(config.pollInterval());
                }
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
        try {
            deleteSent();
        } catch (RuntimeException e) {
            LOG.warnf(
                    "Could not delete %d sent outbox rows at stop (%s); the next poll sends them again, consumers skip them",
                    sentRows.size(), DependencyFailures.rootMessage(e));
        }
    }

    /**
     * Waits until committed messages are due, the poll is, or the rows sent are due to be
     * deleted, and takes the messages due: a received batch's as soon as it committed, the
     * requests' once the first has lingered (or ten wait).
     */
    private List<MessageSender.Encoded> awaitWork() throws InterruptedException {
        lock.lock();
        try {
            var now = System.nanoTime();
            if (!causedComplete && !requestedDue(now)) {
                var until = untilNextWork(now);
                if (until > 0) {
                    work.awaitNanos(until);
                }
                now = System.nanoTime();
            }
            var due = new ArrayList<MessageSender.Encoded>();
            if (causedComplete) {
                due.addAll(caused);
                caused.clear();
                causedComplete = false;
            }
            if (requestedDue(now)) {
                due.addAll(requested);
                requested.clear();
            }
            return due;
        } finally {
            lock.unlock();
        }
    }

    /** Guarded by lock. */
    private boolean requestedDue(long now) {
        return !requested.isEmpty() && (now >= requestedDueAt || requested.size() >= MessageSender.MAX_BATCH);
    }

    /** Guarded by lock: until the next poll, the requests' linger ends, or the rows sent are due to be deleted. */
    private long untilNextWork(long now) {
        var until = config.pollInterval().toNanos();
        if (!requested.isEmpty()) {
            until = Math.min(until, requestedDueAt - now);
        }
        if (!sentRows.isEmpty()) {
            until = Math.min(until, firstSentAt + config.deleteLinger().toNanos() - now);
        }
        return Math.max(0, until);
    }

    /** Sends committed messages, a round at a time, and keeps the ids of those SQS accepted. */
    private void send(List<MessageSender.Encoded> messages) {
        for (var from = 0; from < messages.size(); from += ROUND) {
            var round = messages.subList(from, Math.min(messages.size(), from + ROUND));
            var refused = sender.sendBatch(round);
            var sent = round.stream()
                    .map(MessageSender.Encoded::messageId)
                    .filter(id -> !refused.contains(id))
                    .toList();
            if (!refused.isEmpty()) {
                LOG.warnf(
                        "SQS refused %d of %d outbox messages; they wait for the next poll",
                        refused.size(), round.size());
            }
            if (sentRows.isEmpty()) {
                firstSentAt = System.nanoTime();
            }
            sentRows.addAll(sent);
        }
    }

    /**
     * Deletes the rows sent from memory so far, in one statement: one transaction for the
     * messages of {@code outbox.delete-linger}, not one per send. A row sent and not yet deleted
     * when the service dies is sent again by the next poll, with its messageId, and skipped.
     */
    private void deleteSent() {
        if (sentRows.isEmpty()) {
            return;
        }
        var ids = sentRows.toArray(UUID[]::new);
        QuarkusTransaction.requiringNew()
                .run(() -> entityManager
                        .createNativeQuery("DELETE FROM outbox WHERE id = ANY (:ids)")
                        .setParameter("ids", ids)
                        .executeUpdate());
        sentRows.clear();
    }

    /** Relays rows left behind until none is left that no other instance holds, or a stop. */
    public void relayAll() {
        while (relayBatch() == config.batchSize() && !stopping) {
            // a full batch: there may be more
        }
    }

    /** @return how many rows left behind this transaction claimed */
    int relayBatch() {
        return QuarkusTransaction.requiringNew().call(() -> {
            // Claimed by deleting them: one round trip instead of a select and a delete. The
            // rows stay locked until the commit, and a rollback (a crash, SQS refusing the whole
            // batch) brings them back. Younger rows are being sent by the instance that wrote them.
            @SuppressWarnings("unchecked")
            List<OutboxMessage> claimed = entityManager
                    .createNativeQuery("""
                            DELETE FROM outbox WHERE id IN (
                              SELECT id FROM outbox WHERE created_at < :cutoff
                              ORDER BY created_at LIMIT :limit FOR UPDATE SKIP LOCKED)
                            RETURNING *""", OutboxMessage.class)
                    .setParameter("cutoff", Instant.now().minus(config.claimAfter()))
                    .setParameter("limit", config.batchSize())
                    .getResultList();
            if (claimed.isEmpty()) {
                return 0;
            }
            // Rows left behind are work: the relay (and every timed job) stays awake until they are sent.
            quiet.worked();
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
