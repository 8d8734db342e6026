package dev.fulfilment.order.idempotency;

import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * The Idempotency-Key of POST /orders: the first request with a key claims it in the
 * transaction that creates the order. A concurrent request with the same key waits on the
 * key's row until the first commits, then finds it; so one key never makes two orders.
 */
@ApplicationScoped
public class IdempotencyKeys {

    private static final Logger LOG = Logger.getLogger(IdempotencyKeys.class);

    private final EntityManager entityManager;
    private final IdempotencyConfig config;

    IdempotencyKeys(EntityManager entityManager, IdempotencyConfig config) {
        this.entityManager = entityManager;
        this.config = config;
    }

    /** What a key was first used for. */
    public record Claimed(String requestHash, UUID orderId, String responseBody) {}

    /** @return empty when this request claimed the key; else what claimed it first */
    @Transactional(Transactional.TxType.MANDATORY)
    public Optional<Claimed> claim(String key, String requestHash, UUID orderId, String responseBody) {
        var inserted = entityManager
                .createNativeQuery("""
                        INSERT INTO idempotency_keys (idempotency_key, request_hash, order_id, response_body, created_at)
                        VALUES (:key, :hash, :orderId, :body, :now)
                        ON CONFLICT (idempotency_key) DO NOTHING""")
                .setParameter("key", key)
                .setParameter("hash", requestHash)
                .setParameter("orderId", orderId)
                .setParameter("body", responseBody)
                .setParameter("now", Instant.now())
                .executeUpdate();
        if (inserted == 1) {
            return Optional.empty();
        }
        var row = (Object[])
                entityManager.createNativeQuery("""
                        SELECT request_hash, order_id, response_body FROM idempotency_keys WHERE idempotency_key = :key""").setParameter("key", key).getSingleResult();
        return Optional.of(new Claimed(((String) row[0]).trim(), (UUID) row[1], (String) row[2]));
    }

    /** Forgets keys older than the retention. */
    @Scheduled(every = "1h", delayed = "10m", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    @Transactional
    public void forgetExpired() {
        var forgotten = entityManager
                .createNativeQuery("DELETE FROM idempotency_keys WHERE created_at < :oldest")
                .setParameter("oldest", Instant.now().minus(config.keyRetention()))
                .executeUpdate();
        if (forgotten > 0) {
            LOG.infof("Forgot %d expired %s", forgotten, "idempotency keys");
        }
    }
}
