package dev.fulfilment.devstack;

import dev.fulfilment.contracts.Destination;
import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
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
 * What is in the dead-letter queues, and sending it back: {@code ./dev-stack/dead-letters list}
 * shows each dead letter with its type, order and failure reason; {@code redrive} sends all of
 * them, or those named, back to the queue they came from once the cause is fixed (every
 * consumer takes a message again as the first time); {@code discard} deletes poison that can
 * never be handled. Works against dev-stack's ElasticMQ and,
 * with {@code --aws}, against SQS with the default AWS credentials and region.
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

    /** dev-stack's ElasticMQ (DEV_STACK_SQS_PORT, 9324 by default). */
    static SqsClient localClient() {
        return localClient("http://127.0.0.1:" + System.getenv().getOrDefault("DEV_STACK_SQS_PORT", "9324"));
    }

    /** An ElasticMQ at this endpoint. */
    static SqsClient localClient(String endpoint) {
        return SqsClient.builder()
                .endpointOverride(URI.create(endpoint))
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
                .httpClient(UrlConnectionHttpClient.create())
                .build();
    }

    /** SQS in AWS, with the default credentials and region (AWS_PROFILE, AWS_REGION, ...). */
    static SqsClient awsClient() {
        return SqsClient.builder().httpClient(UrlConnectionHttpClient.create()).build();
    }

    public static void main(String[] args) {
        var arguments = new ArrayList<>(List.of(args));
        var aws = arguments.remove("--aws");
        var prefix = option(arguments, "--prefix", "");
        if (arguments.isEmpty() || !Set.of("list", "redrive", "discard").contains(arguments.getFirst())) {
            System.err.println("""
                    Usage: ./dev-stack/dead-letters list | redrive|discard (--all | MESSAGE-ID...) [--aws --prefix NAME-]
                      list     every dead letter: queue, message id, type, order, receive count, failure reason
                      redrive  sends the named dead letters (or all) back to the queue they came from
                      discard  deletes the named dead letters (or all): poison that can never be handled
                      --aws    SQS in AWS with the default credentials and region, instead of dev-stack's ElasticMQ
                      --prefix the environment's queue name prefix in AWS, e.g. fulfilment-prod-""");
            System.exit(2);
        }
        try (var deadLetters = new DeadLetters(aws ? awsClient() : localClient(), prefix)) {
            if (arguments.getFirst().equals("list")) {
                var letters = deadLetters.list();
                letters.forEach(DeadLetters::print);
                System.out.println(letters.size() + " dead letter(s)");
                return;
            }
            var ids = Set.copyOf(arguments.subList(1, arguments.size()));
            if (ids.isEmpty()) {
                System.err.println("Name the message ids, or --all.");
                System.exit(2);
            }
            Predicate<DeadLetter> which = letter -> ids.contains("--all") || ids.contains(letter.messageId());
            if (arguments.getFirst().equals("redrive")) {
                var redriven = deadLetters.redrive(which);
                redriven.forEach(DeadLetters::print);
                System.out.println(redriven.size() + " dead letter(s) sent back");
            } else {
                var discarded = deadLetters.discard(which);
                discarded.forEach(DeadLetters::print);
                System.out.println(discarded.size() + " dead letter(s) deleted");
            }
        }
    }

    private static void print(DeadLetter letter) {
        System.out.printf(
                "%-20s %s %-22s order %s, received %d times, sent %s%n    %s%n",
                letter.source().deadLetterQueueName(),
                letter.messageId(),
                letter.type(),
                letter.orderId(),
                letter.receiveCount(),
                letter.sentAt(),
                letter.failureReason() == null
                        ? "(no failure reason: SQS moved it after too many receives)"
                        : letter.failureReason());
    }

    private static String option(List<String> arguments, String name, String fallback) {
        var index = arguments.indexOf(name);
        if (index < 0 || index + 1 >= arguments.size()) {
            return fallback;
        }
        var value = arguments.get(index + 1);
        arguments.remove(index + 1);
        arguments.remove(index);
        return value;
    }
}
