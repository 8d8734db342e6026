package dev.fulfilment.support.messaging;

import dev.fulfilment.contracts.MessageType;
import dev.fulfilment.contracts.messages.MessagePayload;
import java.time.Instant;
import java.util.UUID;

/**
 * A message a service is about to send.
 *
 * @param messageId unique, and the same on every resend of this message
 * @param causationId the message that caused this one, null for a user's request
 */
public record OutgoingMessage(
        UUID messageId,
        UUID orderId,
        UUID causationId,
        String traceparent,
        Instant occurredAt,
        MessagePayload payload) {

    /** A message caused by a user's request. */
    public static OutgoingMessage caused(UUID orderId, String traceparent, MessagePayload payload) {
        return new OutgoingMessage(
                UUID.randomUUID(), orderId, null, TraceContext.forMessageSentNow(traceparent), Instant.now(), payload);
    }

    /** A message caused by another one, in the same trace. */
    public static OutgoingMessage causedBy(IncomingMessage cause, MessagePayload payload) {
        return new OutgoingMessage(
                UUID.randomUUID(),
                cause.orderId(),
                cause.messageId(),
                TraceContext.forMessageSentNow(cause.traceparent()),
                Instant.now(),
                payload);
    }

    /**
     * The reply to a command, with an id derived from the command's: a redelivered command
     * re-sends the very same reply, which its consumer then skips as a duplicate.
     */
    public static OutgoingMessage replyTo(IncomingMessage command, MessagePayload reply) {
        var messageId = UUID.nameUUIDFromBytes(
                (command.messageId() + "/" + reply.messageType().wireName()).getBytes());
        return new OutgoingMessage(
                messageId,
                command.orderId(),
                command.messageId(),
                TraceContext.forMessageSentNow(command.traceparent()),
                Instant.now(),
                reply);
    }

    public MessageType type() {
        return payload.messageType();
    }
}
