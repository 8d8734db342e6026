package dev.fulfilment.support.messaging;

import dev.fulfilment.contracts.Envelope;
import dev.fulfilment.contracts.MessageType;
import dev.fulfilment.contracts.messages.MessagePayload;
import java.util.UUID;

/** A message received from SQS that passed its schema. */
public record IncomingMessage(Envelope envelope, MessagePayload payload) {

    public UUID messageId() {
        return envelope.messageId();
    }

    public UUID orderId() {
        return envelope.orderId();
    }

    public String traceparent() {
        return envelope.traceparent();
    }

    public MessageType type() {
        return payload.messageType();
    }
}
