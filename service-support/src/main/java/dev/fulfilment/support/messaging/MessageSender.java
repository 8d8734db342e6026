package dev.fulfilment.support.messaging;

import dev.fulfilment.contracts.MessageType;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequestEntry;

/**
 * Sends messages to the queue of their type's destination, with {@code type} and
 * {@code traceparent} as message attributes.
 */
@ApplicationScoped
public class MessageSender {

    /** SQS takes at most ten messages per batch. */
    public static final int MAX_BATCH = 10;

    /**
     * How many messages went to the queue in the same request as this one: a consumer whose
     * receive brought fewer takes the rest at once ({@link SqsConsumer}).
     */
    static final String SENT_WITH_ATTRIBUTE = "sent-with";

    private final SqsClient sqs;
    private final QueueUrls queueUrls;
    private final EnvelopeCodec codec;
    private final MessagingConfig config;

    MessageSender(SqsClient sqs, QueueUrls queueUrls, EnvelopeCodec codec, MessagingConfig config) {
        this.sqs = sqs;
        this.queueUrls = queueUrls;
        this.codec = codec;
        this.config = config;
    }

    /**
     * Sends the messages in as few requests as SQS allows.
     *
     * @return the ids SQS did not accept
     */
    public Set<UUID> sendAll(List<OutgoingMessage> messages) {
        return sendBatch(messages.stream().map(this::encode).toList());
    }

    /** The message as the outbox keeps it and SQS carries it. */
    public Encoded encode(OutgoingMessage message) {
        return new Encoded(message.messageId(), message.type(), message.traceparent(), codec.encode(message));
    }

    /** A message already encoded, as the outbox stores it. */
    public record Encoded(UUID messageId, MessageType type, String traceparent, String body) {}

    /**
     * Sends messages (any number, any types) in batches per queue.
     *
     * @return the ids SQS did not accept; the caller keeps those and tries again later
     */
    public Set<UUID> sendBatch(List<Encoded> messages) {
        var failed = new HashSet<UUID>();
        var byQueue = new LinkedHashMap<String, List<Encoded>>();
        for (var message : messages) {
            byQueue.computeIfAbsent(config.queues().nameOf(message.type().destination()), queue -> new ArrayList<>())
                    .add(message);
        }
        byQueue.forEach((queue, queued) -> {
            for (int from = 0; from < queued.size(); from += MAX_BATCH) {
                var batch = queued.subList(from, Math.min(from + MAX_BATCH, queued.size()));
                var entries = batch.stream()
                        .map(message -> entry(message, batch.size()))
                        .toList();
                var response = sqs.sendMessageBatch(
                        request -> request.queueUrl(queueUrls.of(queue)).entries(entries));
                response.failed().forEach(failure -> failed.add(UUID.fromString(failure.id())));
            }
        });
        return failed;
    }

    private static SendMessageBatchRequestEntry entry(Encoded message, int sentWith) {
        var attributes = new HashMap<String, MessageAttributeValue>();
        attributes.put("type", stringAttribute(message.type().wireName()));
        attributes.put(SENT_WITH_ATTRIBUTE, numberAttribute(sentWith));
        if (message.traceparent() != null) {
            attributes.put("traceparent", stringAttribute(message.traceparent()));
        }
        return SendMessageBatchRequestEntry.builder()
                .id(message.messageId().toString())
                .messageBody(message.body())
                .messageAttributes(Map.copyOf(attributes))
                .build();
    }

    private static MessageAttributeValue numberAttribute(int value) {
        return MessageAttributeValue.builder()
                .dataType("Number")
                .stringValue(Integer.toString(value))
                .build();
    }

    static MessageAttributeValue stringAttribute(String value) {
        return MessageAttributeValue.builder()
                .dataType("String")
                .stringValue(value)
                .build();
    }
}
