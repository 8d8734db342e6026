package dev.fulfilment.support.messaging;

import dev.fulfilment.contracts.MessageType;
import dev.fulfilment.contracts.messages.MessagePayload;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashMap;
import java.util.UUID;

/**
 * A message a service is about to send. Its trace context is the current span's: the HTTP
 * request's, or the handling of the message that caused it, so a trace follows an order
 * across the queues.
 *
 * @param messageId unique, and the same on every resend of this message
 * @param causationId the message that caused this one, null for a user's request
 * @param traceparent W3C trace context of the span that sent it; null outside any span
 */
public record OutgoingMessage(
        UUID messageId,
        UUID orderId,
        UUID causationId,
        String traceparent,
        Instant occurredAt,
        MessagePayload payload) {

    /** A message caused by a user's request. */
    public static OutgoingMessage caused(UUID orderId, MessagePayload payload) {
        return new OutgoingMessage(UUID.randomUUID(), orderId, null, currentTraceparent(), Instant.now(), payload);
    }

    /** A message caused by another one. */
    public static OutgoingMessage causedBy(IncomingMessage cause, MessagePayload payload) {
        return new OutgoingMessage(
                UUID.randomUUID(), cause.orderId(), cause.messageId(), currentTraceparent(), Instant.now(), payload);
    }

    /**
     * The reply to a command, with an id derived from the command's: a redelivered command
     * re-sends the very same reply, which its consumer then skips as a duplicate.
     */
    public static OutgoingMessage replyTo(IncomingMessage command, MessagePayload reply) {
        var messageId = UUID.nameUUIDFromBytes(
                (command.messageId() + "/" + MessageType.of(reply).wireName()).getBytes(StandardCharsets.UTF_8));
        return new OutgoingMessage(
                messageId, command.orderId(), command.messageId(), currentTraceparent(), Instant.now(), reply);
    }

    public MessageType type() {
        return MessageType.of(payload);
    }

    private static String currentTraceparent() {
        var carrier = new HashMap<String, String>(2);
        W3CTraceContextPropagator.getInstance().inject(Context.current(), carrier, HashMap::put);
        return carrier.get("traceparent");
    }
}
