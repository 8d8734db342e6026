package dev.fulfilment.ops;

import dev.fulfilment.contracts.Destination;
import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * What is in the dead-letter queues, and sending it back: {@link #list} gives each dead letter
 * with its type, order and failure reason, left where it is; {@link #redrive} sends those chosen
 * back to the queue they came from once the cause is fixed (every consumer takes a message
 * again as the first time); {@link #discard} deletes poison that can never be handled. The
 * same against SQS in AWS and an SQS-compatible server such as dev-stack's ElasticMQ; {@code
 * ./ops/dead-letters} ({@link DeadLettersCommand}) is the operator's command.
 */
public final class DeadLetters implements AutoCloseable {

    /** A dead letter as listed. */
    public record DeadLetter(
            Destination source,
            String messageId,
            String type,
            String orderId,
            String failureReason,
            int receiveCount,
            Instant sentAt) {}

    private static final String FAILURE_REASON = "failure-reason";
    /** How long a listed message stays hidden from other readers while it is being listed. */
    private static final int LISTING_VISIBILITY_SECONDS = 10;

    private final SqsClient sqs;
    private final String queuePrefix;

    /**
     * @param queuePrefix what comes before the logical queue names: "" locally, e.g.
     *     "fulfilment-prod-" in AWS
     */
    public DeadLetters(SqsClient sqs, String queuePrefix) {
        this.sqs = sqs;
        this.queuePrefix = queuePrefix;
    }

    /** Every dead letter of every queue, left where it is. */
    public List<DeadLetter> list() {
        var letters = new ArrayList<DeadLetter>();
        for (var source : Destination.values()) {
            var queueUrl = url(source.deadLetterQueueName());
            var messages = receiveAll(queueUrl);
            messages.forEach(message -> letters.add(describe(source, message)));
            makeVisible(queueUrl, messages);
        }
        return letters;
    }

    /**
     * Sends the dead letters that match back to their queue and deletes them from the
     * dead-letter queue, without the failure reason.
     *
     * @return those sent back
     */
    public List<DeadLetter> redrive(Predicate<DeadLetter> which) {
        var redriven = new ArrayList<DeadLetter>();
        for (var source : Destination.values()) {
            var deadLetterQueueUrl = url(source.deadLetterQueueName());
            var sourceUrl = url(source.queueName());
            var messages = receiveAll(deadLetterQueueUrl);
            var keep = new ArrayList<Message>();
            for (var message : messages) {
                var letter = describe(source, message);
                if (!which.test(letter)) {
                    keep.add(message);
                    continue;
                }
                var attributes = new HashMap<>(message.messageAttributes());
                attributes.remove(FAILURE_REASON);
                sqs.sendMessage(request ->
                        request.queueUrl(sourceUrl).messageBody(message.body()).messageAttributes(attributes));
                sqs.deleteMessage(
                        request -> request.queueUrl(deadLetterQueueUrl).receiptHandle(message.receiptHandle()));
                redriven.add(letter);
            }
            makeVisible(deadLetterQueueUrl, keep);
        }
        return redriven;
    }

    /**
     * Deletes the dead letters that match, for a poison message that can never be handled.
     *
     * @return those deleted
     */
    public List<DeadLetter> discard(Predicate<DeadLetter> which) {
        var discarded = new ArrayList<DeadLetter>();
        for (var source : Destination.values()) {
            var queueUrl = url(source.deadLetterQueueName());
            var keep = new ArrayList<Message>();
            for (var message : receiveAll(queueUrl)) {
                var letter = describe(source, message);
                if (which.test(letter)) {
                    sqs.deleteMessage(request -> request.queueUrl(queueUrl).receiptHandle(message.receiptHandle()));
                    discarded.add(letter);
                } else {
                    keep.add(message);
                }
            }
            makeVisible(queueUrl, keep);
        }
        return discarded;
    }

    private List<Message> receiveAll(String queueUrl) {
        var expected = Integer.parseInt(sqs.getQueueAttributes(request ->
                        request.queueUrl(queueUrl).attributeNames(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES))
                .attributes()
                .get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES));
        var received = new LinkedHashMap<String, Message>();
        var emptyReceives = 0;
        while (received.size() < expected && emptyReceives < 2) {
            var batch = sqs.receiveMessage(request -> request.queueUrl(queueUrl)
                            .maxNumberOfMessages(10)
                            .waitTimeSeconds(1)
                            .visibilityTimeout(LISTING_VISIBILITY_SECONDS)
                            .messageAttributeNames("All")
                            .messageSystemAttributeNames(MessageSystemAttributeName.ALL))
                    .messages();
            emptyReceives = batch.isEmpty() ? emptyReceives + 1 : 0;
            batch.forEach(message -> received.putIfAbsent(message.messageId(), message));
        }
        return new ArrayList<>(received.values());
    }

    private void makeVisible(String queueUrl, List<Message> messages) {
        for (var message : messages) {
            sqs.changeMessageVisibility(request -> request.queueUrl(queueUrl)
                    .receiptHandle(message.receiptHandle())
                    .visibilityTimeout(0));
        }
    }

    private static DeadLetter describe(Destination source, Message message) {
        var attributes = message.messageAttributes();
        var system = message.attributes();
        var sent = system.get(MessageSystemAttributeName.SENT_TIMESTAMP);
        return new DeadLetter(
                source,
                message.messageId(),
                text(attributes, "type"),
                orderIdOf(message.body()),
                text(attributes, FAILURE_REASON),
                Integer.parseInt(system.getOrDefault(MessageSystemAttributeName.APPROXIMATE_RECEIVE_COUNT, "0")),
                sent == null ? null : Instant.ofEpochMilli(Long.parseLong(sent)));
    }

    private static String text(Map<String, MessageAttributeValue> attributes, String name) {
        var value = attributes.get(name);
        return value == null ? null : value.stringValue();
    }

    /** The envelope's orderId, without trusting the body to be JSON at all. */
    private static String orderIdOf(String body) {
        var matcher = java.util.regex.Pattern.compile("\"orderId\"\\s*:\\s*\"([0-9a-fA-F-]{36})\"")
                .matcher(body);
        return matcher.find() ? matcher.group(1) : null;
    }

    private String url(String queueName) {
        return sqs.getQueueUrl(request -> request.queueName(queuePrefix + queueName))
                .queueUrl();
    }

    @Override
    public void close() {
        sqs.close();
    }

    /** An SQS-compatible server at this endpoint, such as dev-stack's ElasticMQ. */
    public static SqsClient localClient(String endpoint) {
        return SqsClient.builder()
                .endpointOverride(URI.create(endpoint))
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
                .httpClient(UrlConnectionHttpClient.create())
                .build();
    }

    /** SQS in AWS, with the default credentials and region (AWS_PROFILE, AWS_REGION, ...). */
    public static SqsClient awsClient() {
        return SqsClient.builder().httpClient(UrlConnectionHttpClient.create()).build();
    }
}
