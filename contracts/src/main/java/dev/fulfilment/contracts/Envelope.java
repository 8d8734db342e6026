package dev.fulfilment.contracts;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.UUID;

/**
 * The JSON body of every message on the queues (schemas/envelope.v1.json).
 *
 * @param messageId unique per message: consumers skip one they have handled
 * @param type the payload's type, as in {@link MessageType#wireName()}
 * @param version the payload schema's version
 * @param occurredAt when the state change that produced the message happened
 * @param orderId the order the message is about
 * @param causationId the message that caused this one, null for a user's request
 * @param traceparent W3C trace context of the producing operation, may be null
 * @param payload the type-specific body
 */
public record Envelope(
        UUID messageId,
        String type,
        int version,
        Instant occurredAt,
        UUID orderId,
        UUID causationId,
        String traceparent,
        JsonNode payload) {}
