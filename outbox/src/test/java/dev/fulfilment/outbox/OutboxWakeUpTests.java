package dev.fulfilment.outbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.fulfilment.contracts.messages.InventoryReleased;
import dev.fulfilment.support.messaging.OutgoingMessage;
import dev.fulfilment.testkit.QueueProbe;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sqs.SqsClient;

/** The relay running as in a service: a commit that wrote outbox rows wakes it. */
@QuarkusTest
@TestProfile(OutboxWakeUpTests.RelayRunning.class)
class OutboxWakeUpTests {

    /** The relay on, its timer an hour: only a commit's wake-up sends within a test. */
    public static class RelayRunning implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("outbox.relay-enabled", "true");
        }
    }

    @Inject
    Outbox outbox;

    @Inject
    EntityManager entityManager;

    @Inject
    SqsClient sqs;

    @Test
    void aCommittedMessageIsSentRightAfterTheCommitNotAtTheNextPoll() {
        var orderId = UUID.randomUUID();

        QuarkusTransaction.requiringNew()
                .run(() -> outbox.enqueue(OutgoingMessage.caused(orderId, new InventoryReleased())));

        var sent = QueueProbe.of(sqs, "order-events").awaitMessage(orderId, "InventoryReleased");
        assertThat(sent.attributes()).containsEntry("type", "InventoryReleased");
        await().atMost(Duration.ofSeconds(5)).until(() -> waiting(orderId) == 0);
    }

    @Test
    void aRolledBackTransactionSendsNothing() throws Exception {
        var orderId = UUID.randomUUID();

        assertThatThrownBy(() -> QuarkusTransaction.requiringNew().run(() -> {
                    outbox.enqueue(OutgoingMessage.caused(orderId, new InventoryReleased()));
                    throw new IllegalStateException("the state change failed");
                }))
                .isInstanceOf(IllegalStateException.class);
        // A message of a committed transaction after it, sent once the relay ran.
        var later = UUID.randomUUID();
        QuarkusTransaction.requiringNew()
                .run(() -> outbox.enqueue(OutgoingMessage.caused(later, new InventoryReleased())));
        QueueProbe.of(sqs, "order-events").awaitMessage(later, "InventoryReleased");

        assertThat(waiting(orderId)).isZero();
        assertThat(QueueProbe.of(sqs, "order-events").received(orderId)).isEmpty();
    }

    private long waiting(UUID orderId) {
        return QuarkusTransaction.requiringNew()
                .call(() -> ((Number) entityManager
                                .createNativeQuery("SELECT count(*) FROM outbox WHERE order_id = :orderId")
                                .setParameter("orderId", orderId)
                                .getSingleResult())
                        .longValue());
    }
}
