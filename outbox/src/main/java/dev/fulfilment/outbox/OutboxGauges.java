package dev.fulfilment.outbox;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The outbox as metrics: how many messages wait, and how old the oldest is. The age is the
 * best early warning of SQS trouble: it grows from the first failed send, long before a
 * queue or a customer notices. Read every few seconds, not at every scrape; at rest once in a
 * while ({@link Quiet}), keeping the last values between.
 */
@ApplicationScoped
public class OutboxGauges {

    private final EntityManager entityManager;
    private final AtomicLong waiting = new AtomicLong();
    private final AtomicLong oldestAgeMillis = new AtomicLong();

    OutboxGauges(EntityManager entityManager, MeterRegistry registry) {
        this.entityManager = entityManager;
        io.micrometer.core.instrument.Gauge.builder("outbox.waiting", waiting, AtomicLong::get)
                .description("Messages in the outbox, not yet sent to SQS")
                .register(registry);
        io.micrometer.core.instrument.Gauge.builder("outbox.oldest.age", oldestAgeMillis, age -> age.get() / 1000.0)
                .description("Age of the oldest message in the outbox")
                .baseUnit("seconds")
                .register(registry);
    }

    @Scheduled(
            every = "5s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Quiet.AtRest.class)
    void read() {
        try {
            var row = QuarkusTransaction.requiringNew().call(() -> (Object[]) entityManager
                    .createNativeQuery("SELECT count(*), min(created_at) FROM outbox")
                    .getSingleResult());
            waiting.set(((Number) row[0]).longValue());
            oldestAgeMillis.set(
                    row[1] == null
                            ? 0
                            : Duration.between(instant(row[1]), Instant.now()).toMillis());
        } catch (RuntimeException e) {
            // The database is away: the gauges keep their last values; readiness says the rest.
        }
    }

    private static Instant instant(Object value) {
        return switch (value) {
            case Instant instant -> instant;
            case Timestamp timestamp -> timestamp.toInstant();
            case java.time.OffsetDateTime offset -> offset.toInstant();
            default -> throw new IllegalStateException("unexpected created_at type " + value.getClass());
        };
    }
}
