package dev.fulfilment.outbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.fulfilment.contracts.messages.CreateShipment;
import dev.fulfilment.contracts.messages.InventoryReleased;
import dev.fulfilment.contracts.messages.OrderLine;
import dev.fulfilment.contracts.messages.ShippingAddress;
import dev.fulfilment.support.messaging.OutgoingMessage;
import dev.fulfilment.testkit.QueueProbe;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sqs.SqsClient;

/** The outbox and its relay against real PostgreSQL and ElasticMQ, the relay driven by the tests. */
@QuarkusTest
class OutboxTests {

    @Inject
    Outbox outbox;

    @Inject
    OutboxRelay relay;

    @Inject
    EntityManager entityManager;

    @Inject
    SqsClient sqs;

    @Test
    void theRelayTakesTheOldestRowsFirst() {
        var orderId = UUID.randomUUID();
        // Older than any other test's rows; written newest first, so that the order of
        // writing cannot pass for age.
        var longAgo = Instant.parse("2001-01-01T00:00:00Z");
        var ids = new ArrayList<UUID>();
        for (int age = 0; age < 7; age++) {
            ids.addFirst(insertRow(orderId, longAgo.minusSeconds(age)));
        }
        var oldestFive = ids.subList(0, 5);

        relay.relayBatch();

        assertThat(waitingIds(orderId)).doesNotContainAnyElementsOf(oldestFive).hasSize(2);
        relay.relayAll();
        assertThat(waiting(orderId)).isZero();
    }

    @Test
    void relaysRunningSideBySideSendEveryRowOnce() throws Exception {
        var orderId = UUID.randomUUID();
        var rows = 60;
        var ids = new ArrayList<UUID>();
        for (int i = 0; i < rows; i++) {
            ids.add(insertRow(orderId, Instant.now().minusSeconds(7200)));
        }

        var relays = new ArrayList<Callable<Void>>();
        for (int i = 0; i < 4; i++) {
            relays.add(() -> {
                relay.relayAll();
                return null;
            });
        }
        try (var executor = Executors.newFixedThreadPool(4)) {
            for (var done : executor.invokeAll(relays)) {
                done.get();
            }
        }

        var probe = QueueProbe.of(sqs, "order-events");
        await().atMost(Duration.ofSeconds(20))
                .until(() -> probe.received(orderId).size() >= rows);
        // Anything sent twice would have arrived by now, too.
        Thread.sleep(500);
        assertThat(probe.received(orderId).stream()
                        .map(message -> message.body().path("messageId").asText()))
                .hasSize(rows)
                .doesNotHaveDuplicates()
                .containsExactlyInAnyOrderElementsOf(
                        ids.stream().map(UUID::toString).toList());
        assertThat(waiting(orderId)).isZero();
    }

    @Test
    void whileSqsRefusesAMessageItWaitsInTheOutbox() {
        var orderId = UUID.randomUUID();
        var address = new ShippingAddress("A. Person", "1 Road", null, "Town", "T1", "GB");
        // shipping-commands is named after a queue that does not exist in these tests.
        QuarkusTransaction.requiringNew()
                .run(() -> outbox.enqueue(OutgoingMessage.caused(
                        orderId, new CreateShipment(List.of(new OrderLine("SKU-1", 1)), address))));

        assertThatThrownBy(() -> relay.relayAll()).isInstanceOf(RuntimeException.class);

        assertThat(waiting(orderId)).isEqualTo(1);
        QuarkusTransaction.requiringNew()
                .run(() -> entityManager
                        .createNativeQuery("DELETE FROM outbox WHERE order_id = :orderId")
                        .setParameter("orderId", orderId)
                        .executeUpdate());
    }

    @Test
    void aMessageSqsRefusesStaysInTheOutboxAsItWasWhileTheOthersGo() {
        var orderId = UUID.randomUUID();
        // Older than any other test's rows, so that this test's relay batch takes both.
        var longAgo = Instant.parse("1999-01-01T00:00:00Z");
        var accepted = insertRow(orderId, longAgo);
        var refused = insertRow(orderId, longAgo.plusSeconds(1));
        // SQS refuses a body with a control character in it; PostgreSQL stores one.
        QuarkusTransaction.requiringNew()
                .run(() -> entityManager
                        .createNativeQuery("UPDATE outbox SET body = body || chr(1) WHERE id = :id")
                        .setParameter("id", refused)
                        .executeUpdate());
        var refusedRow = row(refused);
        try {
            relay.relayBatch();

            assertThat(waitingIds(orderId)).containsExactly(refused);
            assertThat(row(refused)).isEqualTo(refusedRow);
            var probe = QueueProbe.of(sqs, "order-events");
            await().atMost(Duration.ofSeconds(10))
                    .until(() -> probe.received(orderId).size() == 1);
            assertThat(probe.received(orderId)
                            .getFirst()
                            .body()
                            .path("messageId")
                            .asText())
                    .isEqualTo(accepted.toString());
        } finally {
            QuarkusTransaction.requiringNew()
                    .run(() -> entityManager
                            .createNativeQuery("DELETE FROM outbox WHERE order_id = :orderId")
                            .setParameter("orderId", orderId)
                            .executeUpdate());
        }
    }

    private UUID insertRow(UUID orderId, Instant createdAt) {
        var message = OutgoingMessage.caused(orderId, new InventoryReleased());
        QuarkusTransaction.requiringNew().run(() -> {
            outbox.enqueue(message);
            entityManager
                    .createNativeQuery("UPDATE outbox SET created_at = :createdAt WHERE id = :id")
                    .setParameter("createdAt", createdAt)
                    .setParameter("id", message.messageId())
                    .executeUpdate();
        });
        return message.messageId();
    }

    /** The row as stored: every column. */
    private List<Object> row(UUID id) {
        return QuarkusTransaction.requiringNew()
                .call(() -> Arrays.asList((Object[]) entityManager
                        .createNativeQuery(
                                "SELECT id, message_type, order_id, traceparent, body, created_at FROM outbox WHERE id = :id")
                        .setParameter("id", id)
                        .getSingleResult()));
    }

    private long waiting(UUID orderId) {
        return waitingIds(orderId).size();
    }

    @SuppressWarnings("unchecked")
    private List<UUID> waitingIds(UUID orderId) {
        return QuarkusTransaction.requiringNew()
                .call(() -> entityManager
                        .createNativeQuery("SELECT id FROM outbox WHERE order_id = :orderId")
                        .setParameter("orderId", orderId)
                        .getResultList());
    }
}
