package dev.fulfilment.order.idempotency;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.fulfilment.outbox.Quiet;
import dev.fulfilment.support.idempotency.IdempotencyConfig;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.UUID;
import java.util.function.Supplier;
import org.jboss.logging.Logger;

/**
 * The Idempotency-Key of POST /orders, a customer's own. The first request with a key runs and
 * records the key with its response, in one transaction; a later request with the same key and
 * body gets that response again and keeps nothing of its own; with another body it is refused.
 * A concurrent request with the same key waits on the key's row until the first commits, then
 * finds it: one key never makes two orders.
 */
@ApplicationScoped
public class IdempotencyKeys {

    private static final Logger LOG = Logger.getLogger(IdempotencyKeys.class);

    private final EntityManager entityManager;
    private final ObjectMapper objectMapper;
    private final IdempotencyConfig config;

    IdempotencyKeys(EntityManager entityManager, ObjectMapper objectMapper, IdempotencyConfig config) {
        this.entityManager = entityManager;
        this.objectMapper = objectMapper;
        this.config = config;
    }

    /** What the first request with a key created, and the body it was answered with. */
    public record FirstResponse(UUID orderId, Object body) {}

    /**
     * The response for a request with this key.
     *
     * @param body the first response's body, as JSON
     * @param replayed whether it is the first request's, replayed
     */
    public record Response(UUID orderId, String body, boolean replayed) {}

    /**
     * Runs the request unless the customer used its key before.
     *
     * @param customerId whose key it is; another customer's equal key is another key
     * @param request what the client sent; the same key must come with an equal request
     * @param firstTime runs the request, inside the key's transaction
     * @throws IdempotencyKeyReusedException when the key came with another request before
     */
    public Response once(String customerId, String key, Object request, Supplier<FirstResponse> firstTime) {
        var requestHash = sha256(json(request));
        try {
            return QuarkusTransaction.requiringNew().call(() -> {
                var created = firstTime.get();
                var body = json(created.body());
                if (!record(customerId, key, requestHash, created.orderId(), body)) {
                    // The key came before, or at this moment with a request that committed
                    // first: nothing of this request is kept, and the first one's answer is given.
                    throw new KeyRecordedBefore();
                }
                return new Response(created.orderId(), body, false);
            });
        } catch (KeyRecordedBefore rolledBack) {
            return QuarkusTransaction.requiringNew().call(() -> replay(customerId, key, requestHash));
        }
    }

    /** Rolls back a request whose key was recorded by another: no stack trace, it is not an error. */
    private static final class KeyRecordedBefore extends RuntimeException {
        KeyRecordedBefore() {
            super("the Idempotency-Key was recorded before", null, false, false);
        }
    }

    /**
     * Records the key with the request's hash and response, in the request's transaction: one
     * statement. A request with the same key at the same moment waits on the key's row until
     * this transaction ends, then finds it.
     *
     * @return whether this request is the key's first; false when one recorded it before
     */
    private boolean record(String customerId, String key, String requestHash, UUID orderId, String body) {
        return entityManager
                        .createNativeQuery("""
                        INSERT INTO idempotency_keys
                          (customer_id, idempotency_key, request_hash, order_id, response_body, created_at)
                        VALUES (:customer, :key, :hash, :orderId, :body, :now)
                        ON CONFLICT (customer_id, idempotency_key) DO NOTHING""")
                        .setParameter("customer", customerId)
                        .setParameter("key", key)
                        .setParameter("hash", requestHash)
                        .setParameter("orderId", orderId)
                        .setParameter("body", body)
                        .setParameter("now", Instant.now())
                        .executeUpdate()
                == 1;
    }

    /** The first response for the key, if this request is equal to the first one. */
    private Response replay(String customerId, String key, String requestHash) {
        var row = (Object[]) entityManager
                .createNativeQuery("""
                        SELECT request_hash, order_id, response_body FROM idempotency_keys
                        WHERE customer_id = :customer AND idempotency_key = :key""")
                .setParameter("customer", customerId)
                .setParameter("key", key)
                .getSingleResult();
        if (!requestHash.equals(((String) row[0]).trim())) {
            throw new IdempotencyKeyReusedException(key);
        }
        return new Response((UUID) row[1], (String) row[2], true);
    }

    /** Forgets keys older than the retention. */
    @Scheduled(
            every = "1h",
            delayed = "10m",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Quiet.AtRest.class)
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

    private String json(Object value) {
        try {
            return objectMapper.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write " + value.getClass().getSimpleName() + " as JSON", e);
        }
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
