package dev.fulfilment.order.service;

import dev.fulfilment.contracts.Destination;
import dev.fulfilment.order.Order;
import dev.fulfilment.outbox.Outbox;
import dev.fulfilment.outbox.Quiet;
import dev.fulfilment.support.messaging.OutgoingMessage;
import dev.fulfilment.support.messaging.QueueDepths;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import org.jboss.logging.Logger;

/**
 * Notices orders that wait too long for a reply: sends the awaited command again (every
 * service takes a repeated command as the first), a few times, then marks the order stuck,
 * logs it with the marker {@value #STUCK_MARKER} (a CloudWatch metric filter counts those
 * lines and alarms) and counts it. Several order-service tasks may run this at once: each
 * order is taken by one (SKIP LOCKED).
 *
 * <p>While messages wait on a command queue, the orders waiting on it get {@code
 * saga.deadlines.backlog} longer: their commands may be among those messages, and a copy would
 * only queue up behind them. Under a backlog every order passes its deadline, and reminders
 * would add work to the very consumer that is behind; a backlog shows as its queue's age
 * (Terraform's oldest-message alarm). The extra time is bounded because SQS's count is
 * approximate and a busy queue is seldom empty: a command lost meanwhile is still sent again,
 * and an order that never hears back is still marked stuck.
 *
 * <p>An order in flight (waiting on a reply, not given up on) is work: while one is, the
 * instance does not rest ({@link Quiet}) and this check keeps its pace.
 */
@ApplicationScoped
public class SagaDeadlines {

    /** The log marker of an order given up on; Terraform's metric filter matches it. */
    public static final String STUCK_MARKER = "SAGA_STUCK";

    private static final Logger LOG = Logger.getLogger(SagaDeadlines.class);
    private static final int BATCH = 100;

    private final EntityManager entityManager;
    private final Outbox outbox;
    private final SagaDeadlineConfig config;
    private final OrderMetrics metrics;
    private final QueueDepths queues;
    private final Quiet quiet;
    private final AtomicLong stuck = new AtomicLong();

    SagaDeadlines(
            EntityManager entityManager,
            Outbox outbox,
            SagaDeadlineConfig config,
            OrderMetrics metrics,
            MeterRegistry registry,
            QueueDepths queues,
            Quiet quiet) {
        this.entityManager = entityManager;
        this.outbox = outbox;
        this.config = config;
        this.metrics = metrics;
        this.queues = queues;
        this.quiet = quiet;
        registry.gauge("saga.orders.stuck", stuck);
    }

    @Scheduled(
            every = "${saga.deadlines.check-every:5s}",
            delayed = "${saga.deadlines.check-every:5s}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Quiet.AtRest.class)
    void check() {
        try {
            checkAt(Instant.now());
        } catch (RuntimeException e) {
            LOG.warnf("Checking saga deadlines failed (%s); next check in %s", e.getMessage(), config.checkEvery());
        }
    }

    /**
     * Reminds, or gives up on, the orders past their deadline at that moment.
     *
     * @return how many orders it looked at
     */
    public int checkAt(Instant now) {
        var looked = remindOverdue(now);
        var waiting = countWaiting();
        stuck.set(waiting.stuck());
        if (waiting.inFlight() > 0) {
            quiet.worked();
        }
        return looked;
    }

    private int remindOverdue(Instant now) {
        var inventoryCaughtUp = caughtUp(Destination.INVENTORY_COMMANDS);
        var shippingCaughtUp = caughtUp(Destination.SHIPPING_COMMANDS);
        // A cancelling order waits on either queue.
        var pending = cutoff(now, config.pending(), inventoryCaughtUp);
        var reserved = cutoff(now, config.inventoryReserved(), shippingCaughtUp);
        var cancelling = cutoff(now, config.cancelling(), inventoryCaughtUp && shippingCaughtUp);
        return QuarkusTransaction.requiringNew().call(() -> {
            List<UUID> overdue = overdue(pending, reserved, cancelling);
            for (var orderId : overdue) {
                Order order = Order.findById(orderId);
                var status = order.status;
                var waited = Duration.between(order.updatedAt, now);
                var commands = order.remind(config.maxReminders(), waited, now);
                commands.forEach(command -> outbox.enqueue(OutgoingMessage.caused(orderId, command)));
                if (!commands.isEmpty()) {
                    metrics.reminded(status);
                    LOG.warnf(
                            "Order %s waited %d s in %s; its command is sent again",
                            orderId, waited.toSeconds(), status);
                } else if (order.stuckSince != null) {
                    metrics.stuck(status);
                    LOG.errorf(
                            "%s order %s is stuck in %s after %d reminders; see the dead-letter queues",
                            STUCK_MARKER, orderId, status, order.reminders);
                }
            }
            return overdue.size();
        });
    }

    /** Whether no message waits on the queue: a command sent earlier has been taken by now. */
    private boolean caughtUp(Destination destination) {
        var waiting = queues.waiting(destination);
        if (waiting > 0) {
            LOG.debugf(
                    "%d messages wait on %s: orders waiting on it get %s longer",
                    waiting, destination, config.backlog());
        }
        return waiting == 0;
    }

    /** An order last changed before this has waited past its deadline. */
    private Instant cutoff(Instant now, Duration deadline, boolean queueCaughtUp) {
        return now.minus(deadline).minus(queueCaughtUp ? Duration.ZERO : config.backlog());
    }

    @SuppressWarnings("unchecked")
    private List<UUID> overdue(Instant pending, Instant reserved, Instant cancelling) {
        return entityManager
                .createNativeQuery("""
                        SELECT id FROM orders
                        WHERE stuck_since IS NULL
                          AND ((status = 'PENDING' AND updated_at < :pending)
                            OR (status = 'INVENTORY_RESERVED' AND updated_at < :reserved)
                            OR (status = 'CANCELLING' AND updated_at < :cancelling))
                        ORDER BY updated_at
                        LIMIT :batch
                        FOR UPDATE SKIP LOCKED""")
                .setParameter("pending", pending)
                .setParameter("reserved", reserved)
                .setParameter("cancelling", cancelling)
                .setParameter("batch", BATCH)
                .getResultList();
    }

    /** Orders waiting on a reply: those still in flight, and those given up on. */
    private record Waiting(long inFlight, long stuck) {}

    private Waiting countWaiting() {
        return QuarkusTransaction.requiringNew().call(() -> {
            var row = (Object[]) entityManager.createNativeQuery("""
                            SELECT count(*) FILTER (WHERE stuck_since IS NULL),
                                   count(*) FILTER (WHERE stuck_since IS NOT NULL)
                            FROM orders
                            WHERE status IN ('PENDING', 'INVENTORY_RESERVED', 'CANCELLING')""").getSingleResult();
            return new Waiting(((Number) row[0]).longValue(), ((Number) row[1]).longValue());
        });
    }
}
