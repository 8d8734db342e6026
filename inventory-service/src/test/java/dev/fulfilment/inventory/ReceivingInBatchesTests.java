package dev.fulfilment.inventory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.fulfilment.contracts.messages.ReleaseInventory;
import dev.fulfilment.support.messaging.EnvelopeCodec;
import dev.fulfilment.support.messaging.OutgoingMessage;
import dev.fulfilment.testkit.AwsRequests;
import dev.fulfilment.testkit.LocalSqs;
import dev.fulfilment.testkit.QueueProbe;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * What receiving costs in SQS requests, which SQS bills: a stream of commands at a moderate
 * rate is received in batches (the pollers take turns and, while messages keep coming, let a
 * batch gather) and deleted ten at a time, and still every command is answered and deleted.
 * Counted by the service's own aws_requests_total, against the real queue.
 */
@QuarkusTest
class ReceivingInBatchesTests {

    private static final int COMMANDS = 60;
    private static final Duration SPACING = Duration.ofMillis(10);

    @Inject
    SqsClient sqs;

    @Inject
    EnvelopeCodec codec;

    @Inject
    MeterRegistry registry;

    private String commandsQueueUrl;

    @BeforeEach
    void connect() {
        commandsQueueUrl = sqs.getQueueUrl(request -> request.queueName("inventory-commands"))
                .queueUrl();
        await().atMost(Duration.ofSeconds(20)).until(() -> LocalSqs.messagesIn(sqs, commandsQueueUrl) == 0);
    }

    @Test
    void aStreamOfCommandsAtAModerateRateIsReceivedInBatchesAndDeletedTenAtATime() {
        var orderIds =
                IntStream.range(0, COMMANDS).mapToObj(i -> UUID.randomUUID()).toList();
        var receivesBefore = AwsRequests.of(registry, "ReceiveMessage");
        var deletesBefore = AwsRequests.of(registry, "DeleteMessageBatch");

        // One command every 10 ms, as 100 orders a second would send them: no two at once.
        try (var senders = Executors.newVirtualThreadPerTaskExecutor()) {
            var start = System.nanoTime();
            for (int i = 0; i < COMMANDS; i++) {
                var orderId = orderIds.get(i);
                LockSupport.parkNanos(start + i * SPACING.toNanos() - System.nanoTime());
                senders.submit(() -> sqs.sendMessage(request -> request.queueUrl(commandsQueueUrl)
                        .messageBody(codec.encode(OutgoingMessage.caused(orderId, new ReleaseInventory("test"))))));
            }
        }
        // Every command handled and deleted: none left in the queue, visible or in flight.
        await().atMost(Duration.ofSeconds(30)).until(() -> LocalSqs.messagesIn(sqs, commandsQueueUrl) == 0);

        var receives = AwsRequests.of(registry, "ReceiveMessage") - receivesBefore;
        var deletes = AwsRequests.of(registry, "DeleteMessageBatch") - deletesBefore;
        // One receive per command is what taking each as it comes costs.
        assertThat(receives).isLessThanOrEqualTo(COMMANDS / 2.0);
        // Ten per request, whatever the batches received: a few more for the ends of the stream.
        assertThat(deletes).isLessThanOrEqualTo(COMMANDS / 10.0 + 3);
        var orderEvents = QueueProbe.of(sqs, "order-events");
        await().atMost(Duration.ofSeconds(20))
                .until(() -> orderIds.stream()
                        .allMatch(id -> !orderEvents
                                .receivedOfType(id, "InventoryReleased")
                                .isEmpty()));
    }

    @Test
    void aLoneCommandIsAnsweredAtOnceAndDeletedWithinTheDeleteLinger() {
        var orderId = UUID.randomUUID();
        var sentAt = System.nanoTime();
        sqs.sendMessage(request -> request.queueUrl(commandsQueueUrl)
                .messageBody(codec.encode(OutgoingMessage.caused(orderId, new ReleaseInventory("test")))));

        QueueProbe.of(sqs, "order-events").awaitMessage(orderId, "InventoryReleased");
        assertThat(Duration.ofNanos(System.nanoTime() - sentAt)).isLessThan(Duration.ofSeconds(2));
        // messaging.consumer.delete-linger is 500 ms: deleted well before the visibility timeout.
        await().atMost(Duration.ofSeconds(3)).until(() -> LocalSqs.messagesIn(sqs, commandsQueueUrl) == 0);
    }
}
