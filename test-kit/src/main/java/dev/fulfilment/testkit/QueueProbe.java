package dev.fulfilment.testkit;

import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.locks.ReentrantLock;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;

/**
 * Reads a queue in the background for the tests, keeping every message it takes off (body and
 * attributes) by order id, so that tests running against one queue each find their own.
 */
public final class QueueProbe {

    private static final Map<String, QueueProbe> PROBES = new ConcurrentHashMap<>();
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Map<String, List<Received>> byOrderId = new ConcurrentHashMap<>();
    private final List<Received> all = new CopyOnWriteArrayList<>();
    /** Held by the probe while it receives, and by a test that pauses it; fair, so a pause gets its turn. */
    private final ReentrantLock receiving = new ReentrantLock(true);

    /** A message taken off the queue. */
    public record Received(JsonNode body, Map<String, String> attributes) {
        public String type() {
            return body.path("type").asText();
        }
    }

    private QueueProbe(SqsClient sqs, String queueName) {
        var queueUrl = sqs.getQueueUrl(request -> request.queueName(queueName)).queueUrl();
        Thread.ofVirtual().name("queue-probe-" + queueName).start(() -> {
            while (true) {
                receiving.lock();
                try {
                    var messages = sqs.receiveMessage(request -> request.queueUrl(queueUrl)
                                    .maxNumberOfMessages(10)
                                    .waitTimeSeconds(1)
                                    .messageAttributeNames("All")
                                    .messageSystemAttributeNames(MessageSystemAttributeName.ALL))
                            .messages();
                    for (var message : messages) {
                        keep(message);
                        sqs.deleteMessage(request -> request.queueUrl(queueUrl).receiptHandle(message.receiptHandle()));
                    }
                } catch (RuntimeException e) {
                    sleep();
                } finally {
                    receiving.unlock();
                }
            }
        });
    }

    /** The probe of a queue, started at first use and kept for the test run. */
    public static QueueProbe of(SqsClient sqs, String queueName) {
        return PROBES.computeIfAbsent(queueName, name -> new QueueProbe(sqs, name));
    }

    /** A pause of the probe, ended by closing it on the thread that paused it. */
    public interface Paused extends AutoCloseable {
        @Override
        void close();
    }

    /**
     * Stops taking messages off the queue, once the receive under way has returned, until the
     * pause is closed: what is sent meanwhile waits on the queue, as for a consumer that is
     * behind.
     */
    public Paused pause() {
        receiving.lock();
        return receiving::unlock;
    }

    public List<Received> received(UUID orderId) {
        return List.copyOf(byOrderId.getOrDefault(orderId.toString(), List.of()));
    }

    public List<Received> receivedOfType(UUID orderId, String type) {
        return received(orderId).stream()
                .filter(message -> message.type().equals(type))
                .toList();
    }

    /** Waits for the first message of the type about the order. */
    public Received awaitMessage(UUID orderId, String type) {
        await().atMost(Duration.ofSeconds(20))
                .until(() -> !receivedOfType(orderId, type).isEmpty());
        return receivedOfType(orderId, type).getFirst();
    }

    /** Messages whose body is not an envelope (no orderId), such as poison in a dead-letter queue. */
    public List<Received> all() {
        return List.copyOf(all);
    }

    private void keep(Message message) {
        JsonNode body;
        try {
            body = JSON.readTree(message.body());
        } catch (Exception notJson) {
            body = JSON.getNodeFactory().textNode(message.body());
        }
        var attributes = new java.util.HashMap<String, String>();
        message.messageAttributes().forEach((name, value) -> attributes.put(name, value.stringValue()));
        var received = new Received(body, Map.copyOf(attributes));
        all.add(received);
        var orderId = body.path("orderId").asText("");
        byOrderId.computeIfAbsent(orderId, id -> new CopyOnWriteArrayList<>()).add(received);
    }

    private static void sleep() {
        try {
            Thread.sleep(200);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
