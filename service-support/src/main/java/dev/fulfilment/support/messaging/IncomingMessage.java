package dev.fulfilment.support.messaging;

import dev.fulfilment.contracts.Envelope;
import dev.fulfilment.contracts.MessageType;
import dev.fulfilment.contracts.messages.MessagePayload;
import java.util.UUID;

/** A message received from SQS that passed the schema of its type and version. */
public record IncomingMessage(Envelope envelope, MessageType type, MessagePayload payload) {

    public UUID messageId() {
        return envelope.messageId();
    }

    public UUID orderId() {
        return envelope.orderId();
    }

    public String traceparent() {
        return envelope.traceparent();
    }

    /** The schema version it was written in. */
    public int version() {
        return envelope.version();
    }
}
