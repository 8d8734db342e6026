package dev.fulfilment.outbox;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fulfilment.contracts.Envelope;
import dev.fulfilment.contracts.MessageType;
import dev.fulfilment.contracts.messages.InventoryReleased;
import dev.fulfilment.support.messaging.IncomingMessage;
import dev.fulfilment.support.messaging.OutgoingMessage;
import dev.fulfilment.testkit.AwsRequests;
import dev.fulfilment.testkit.QueueProbe;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * Where the relay lingers: the messages of requests that stream in wait for others to go with
 * them, and what a received batch caused goes as soon as the batch commits, in one request, since
 * the receive gathered it already.
 */
@QuarkusTest
@TestProfile(OutboxLingerTests.LongLinger.class)
class OutboxLingerTests {

    /** The relay on, with a linger far longer than a send takes, so that any wait for it shows. */
    public static class LongLinger implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("outbox.relay-enabled", "true", "outbox.linger", "3s");
        }
    }

    private static final Duration LINGER = Duration.ofSeconds(3);

    @Inject
    Outbox outbox;

    @Inject
    Inbox inbox;

    @Inject
    RecordingHandler handler;

    @Inject
    MeterRegistry registry;

    @Inject
    SqsClient sqs;

    @AfterEach
    void quiet() {
        handler.answer(false);
    }

    @Test
    void whatAReceivedBatchCausedGoesAtOnceInOneRequestWhileRequestsLinger() {
        var events = QueueProbe.of(sqs, "order-events");
        // Requests commit as a stream: five in quick succession, sent as they come (five make a
        // stream), then one more, which lingers.
        var stream = IntStream.range(0, 5).mapToObj(i -> UUID.randomUUID()).toList();
        stream.forEach(this::commitRequest);
        stream.forEach(orderId -> events.awaitMessage(orderId, "InventoryReleased"));
        var lingering = UUID.randomUUID();
        var lingeringSince = System.nanoTime();
        commitRequest(lingering);

        handler.answer(true);
        var batch = IntStream.range(0, 3).mapToObj(i -> received()).toList();
        var sendsBefore = AwsRequests.of(registry, "SendMessageBatch");
        var handledAt = System.nanoTime();
        inbox.process(batch);
        batch.forEach(message -> events.awaitMessage(message.orderId(), "InventoryReleased"));

        assertThat(Duration.ofNanos(System.nanoTime() - handledAt))
                .as("what the batch caused, sent without the linger")
                .isLessThan(LINGER.dividedBy(2));
        assertThat(AwsRequests.of(registry, "SendMessageBatch") - sendsBefore)
                .as("the batch's three messages in one request")
                .isEqualTo(1);
        assertThat(events.received(lingering))
                .as("the request's message, still lingering")
                .isEmpty();
        events.awaitMessage(lingering, "InventoryReleased");
        assertThat(Duration.ofNanos(System.nanoTime() - lingeringSince))
                .as("the request's message, sent once it lingered")
                .isGreaterThanOrEqualTo(LINGER);
    }

    private void commitRequest(UUID orderId) {
        QuarkusTransaction.requiringNew()
                .run(() -> outbox.enqueue(OutgoingMessage.caused(orderId, new InventoryReleased())));
    }

    private static IncomingMessage received() {
        var envelope = new Envelope(
                UUID.randomUUID(), "InventoryReleased", 1, Instant.now(), UUID.randomUUID(), null, null, null);
        return new IncomingMessage(envelope, MessageType.of(InventoryReleased.class), new InventoryReleased());
    }
}
