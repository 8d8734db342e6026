package dev.fulfilment.inventory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.fulfilment.contracts.messages.ReleaseInventory;
import dev.fulfilment.support.messaging.MessageSender;
import dev.fulfilment.support.messaging.OutgoingMessage;
import dev.fulfilment.testkit.AwsRequests;
import dev.fulfilment.testkit.LocalSqs;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * Commands that come in batches, as the order relay sends them (several in one {@code
 * SendMessageBatch}, each saying how many went with it), are received a batch at a time and handled as they come: the consumer
 * lingers only for messages that come one by one. With a linger of a second, a stream of
 * batches that waited for it would wait up to a second at this hop.
 */
@QuarkusTest
@TestProfile(ReceivingBatchesSentTogetherTests.LongLinger.class)
class ReceivingBatchesSentTogetherTests {

    /** A linger far longer than a batch takes to be handled, so that any wait for it shows. */
    public static class LongLinger implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("messaging.consumer.linger", "1s");
        }
    }

    private static final int BATCHES = 8;
    private static final int PER_BATCH = 5;
    private static final Duration SPACING = Duration.ofMillis(150);

    @Inject
    SqsClient sqs;

    /** What the order relay sends with: the messages of a batch in one request. */
    @Inject
    MessageSender sender;

    @Inject
    MeterRegistry registry;

    @Test
    void batchesSentTogetherAreReceivedTogetherAndWaitForNoLinger() throws InterruptedException {
        var queueUrl = sqs.getQueueUrl(request -> request.queueName("inventory-commands"))
                .queueUrl();
        await().atMost(Duration.ofSeconds(20)).until(() -> LocalSqs.messagesIn(sqs, queueUrl) == 0);
        var receivesBefore = AwsRequests.of(registry, "ReceiveMessage");

        // A stream of 33 commands a second, in batches of five: a stream the linger applies to,
        // were the commands sent one by one.
        for (int batch = 0; batch < BATCHES; batch++) {
            sender.sendAll(IntStream.range(0, PER_BATCH)
                    .mapToObj(i -> OutgoingMessage.caused(UUID.randomUUID(), new ReleaseInventory("test")))
                    .toList());
            Thread.sleep(SPACING);
        }

        // Every command handled and deleted. (No probe of order-events here: its receives would
        // count with the consumer's.)
        await().atMost(Duration.ofSeconds(20)).until(() -> LocalSqs.messagesIn(sqs, queueUrl) == 0);
        var handled = registry
                .find("messaging.handling")
                .tag("queue", "inventory-commands")
                .tag("outcome", "handled")
                .timers()
                .stream()
                .mapToLong(Timer::count)
                .sum();
        assertThat(handled).isEqualTo(BATCHES * PER_BATCH);
        // From a command's send to its handling starting, for every command of the stream.
        var lag = registry.find("messaging.lag")
                .tag("queue", "inventory-commands")
                .timer();
        assertThat(lag).isNotNull();
        assertThat(lag.count()).isEqualTo(BATCHES * PER_BATCH);
        assertThat(Duration.ofNanos((long) lag.max(TimeUnit.NANOSECONDS)))
                .as("the longest wait in the queue, against a linger of a second")
                .isLessThan(Duration.ofMillis(500));
        // Two receives a batch at most: the one its first command woke, and one for the rest.
        assertThat(AwsRequests.of(registry, "ReceiveMessage") - receivesBefore).isLessThanOrEqualTo(2 * BATCHES + 2);
    }
}
