package dev.fulfilment.order;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fulfilment.order.idempotency.IdempotencyKeys;
import dev.fulfilment.outbox.ProcessedMessages;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Idempotency keys and handled messageIds are forgotten after their retention, and not before. */
@QuarkusTest
class RetentionTests {

    @Inject
    EntityManager entityManager;

    @Inject
    IdempotencyKeys idempotencyKeys;

    @Inject
    ProcessedMessages processedMessages;

    @Test
    void expiredIdempotencyKeysAreForgottenAndFreshOnesKept() {
        var expired = "expired-" + UUID.randomUUID();
        var fresh = "fresh-" + UUID.randomUUID();
        insertKey(expired, Instant.now().minus(Duration.ofHours(25)));
        insertKey(fresh, Instant.now().minus(Duration.ofHours(23)));

        idempotencyKeys.forgetExpired();

        assertThat(count("SELECT count(*) FROM idempotency_keys WHERE idempotency_key = ?1", expired))
                .isZero();
        assertThat(count("SELECT count(*) FROM idempotency_keys WHERE idempotency_key = ?1", fresh))
                .isEqualTo(1);
    }

    @Test
    void processedMessagesAreForgottenAfterFifteenDays() {
        var expired = UUID.randomUUID();
        var fresh = UUID.randomUUID();
        insertProcessed(expired, Instant.now().minus(Duration.ofDays(16)));
        insertProcessed(fresh, Instant.now().minus(Duration.ofDays(13)));

        processedMessages.forgetExpired();

        assertThat(count("SELECT count(*) FROM processed_messages WHERE message_id = ?1", expired))
                .isZero();
        assertThat(count("SELECT count(*) FROM processed_messages WHERE message_id = ?1", fresh))
                .isEqualTo(1);
    }

    private void insertKey(String key, Instant createdAt) {
        QuarkusTransaction.requiringNew()
                .run(() -> entityManager
                        .createNativeQuery("""
                        INSERT INTO idempotency_keys
                            (customer_id, idempotency_key, request_hash, order_id, response_body, created_at)
                        VALUES ('c-retention', ?1, ?2, ?3, '{}', ?4)""")
                        .setParameter(1, key)
                        .setParameter(2, "0".repeat(64))
                        .setParameter(3, UUID.randomUUID())
                        .setParameter(4, createdAt)
                        .executeUpdate());
    }

    private void insertProcessed(UUID messageId, Instant processedAt) {
        QuarkusTransaction.requiringNew()
                .run(() -> entityManager
                        .createNativeQuery("""
                        INSERT INTO processed_messages (message_id, message_type, processed_at) VALUES (?1, 'Test', ?2)""")
                        .setParameter(1, messageId)
                        .setParameter(2, processedAt)
                        .executeUpdate());
    }

    private long count(String sql, Object parameter) {
        return QuarkusTransaction.requiringNew()
                .call(() -> ((Number) entityManager
                                .createNativeQuery(sql)
                                .setParameter(1, parameter)
                                .getSingleResult())
                        .longValue());
    }
}
