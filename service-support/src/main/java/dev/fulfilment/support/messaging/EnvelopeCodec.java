package dev.fulfilment.support.messaging;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.fulfilment.contracts.ContractValidator;
import dev.fulfilment.contracts.Envelope;
import dev.fulfilment.contracts.MessageType;
import jakarta.enterprise.context.ApplicationScoped;

/** Turns messages into SQS bodies and back, checking what comes in against its schema. */
@ApplicationScoped
public class EnvelopeCodec {

    private final ObjectMapper objectMapper;
    private final ContractValidator validator = new ContractValidator();

    EnvelopeCodec(ObjectMapper objectMapper) {
        this.objectMapper = objectMapper;
    }

    public String encode(OutgoingMessage message) {
        var envelope = new Envelope(
                message.messageId(),
                message.type().wireName(),
                MessageType.CURRENT_VERSION,
                message.occurredAt(),
                message.orderId(),
                message.causationId(),
                message.traceparent(),
                objectMapper.valueToTree(message.payload()));
        try {
            return objectMapper.writeValueAsString(envelope);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot encode " + message.type(), e);
        }
    }

    /** The message, or why it can never be handled (it then goes to the dead-letter queue). */
    public sealed interface Decoded {}

    public record Valid(IncomingMessage message) implements Decoded {}

    public record Poison(String reason) implements Decoded {}

    public Decoded decode(String body, int receiveCount) {
        try {
            var tree = objectMapper.readTree(body);
            var violations = validator.violations(tree);
            if (!violations.isEmpty()) {
                return new Poison("schema: " + String.join("; ", violations));
            }
            var envelope = objectMapper.treeToValue(tree, Envelope.class);
            var type = MessageType.fromWireName(envelope.type()).orElseThrow();
            var payload = objectMapper.treeToValue(envelope.payload(), type.payloadType());
            return new Valid(new IncomingMessage(envelope, payload, receiveCount));
        } catch (JsonProcessingException e) {
            return new Poison("unparseable: " + e.getOriginalMessage());
        }
    }
}
