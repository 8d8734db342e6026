package dev.fulfilment.support.messaging;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.type.LogicalType;
import dev.fulfilment.contracts.ContractValidator;
import dev.fulfilment.contracts.Envelope;
import dev.fulfilment.contracts.MessageType;
import jakarta.enterprise.context.ApplicationScoped;

/** Turns messages into SQS bodies and back, checking what comes in against its schema. */
@ApplicationScoped
public class EnvelopeCodec {

    private final ObjectMapper objectMapper;
    private final ObjectReader tolerantReader;
    private final ContractValidator validator = new ContractValidator();

    EnvelopeCodec(ObjectMapper objectMapper) {
        this.objectMapper = objectMapper;
        // The schema decides what a message may hold; a service that is strict about its
        // HTTP bodies must not be stricter about its messages than the schema, which has
        // amounts as decimal strings and may add fields in a later version.
        var lenient = objectMapper.copy();
        lenient.coercionConfigFor(LogicalType.Float).setCoercion(CoercionInputShape.String, CoercionAction.TryConvert);
        this.tolerantReader = lenient.reader().without(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    }

    /**
     * The SQS body of the message, checked against its contract first: a message the consumer
     * would send to its dead-letter queue fails here, where it is made, so that the state change
     * it belongs to rolls back with it.
     *
     * @throws ContractViolationException when the message breaks its schema
     */
    public String encode(OutgoingMessage message) {
        var envelope = new Envelope(
                message.messageId(),
                message.type().wireName(),
                message.type().currentVersion(),
                message.occurredAt(),
                message.orderId(),
                message.causationId(),
                message.traceparent(),
                objectMapper.valueToTree(message.payload()));
        var tree = objectMapper.valueToTree(envelope);
        var violations = validator.violations(tree);
        if (!violations.isEmpty()) {
            throw new ContractViolationException(message.type().wireName(), violations);
        }
        try {
            return objectMapper.writeValueAsString(tree);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot encode " + message.type(), e);
        }
    }

    /** A message made here that its own contract refuses: a defect of this service. */
    public static final class ContractViolationException extends IllegalStateException {
        ContractViolationException(String type, java.util.List<String> violations) {
            super("an outgoing " + type + " breaks its contract: " + String.join("; ", violations));
        }
    }

    /** The message, or why it can never be handled (it then goes to the dead-letter queue). */
    public sealed interface Decoded {}

    public record Valid(IncomingMessage message) implements Decoded {}

    public record Poison(String reason) implements Decoded {}

    public Decoded decode(String body) {
        try {
            var tree = objectMapper.readTree(body);
            var violations = validator.violations(tree);
            if (!violations.isEmpty()) {
                return new Poison("schema: " + String.join("; ", violations));
            }
            var envelope = tolerantReader.treeToValue(tree, Envelope.class);
            var type = MessageType.fromWireName(envelope.type()).orElseThrow();
            var payload = tolerantReader.treeToValue(envelope.payload(), type.payloadType());
            return new Valid(new IncomingMessage(envelope, type, payload));
        } catch (JsonProcessingException e) {
            return new Poison("unparseable: " + e.getOriginalMessage());
        }
    }
}
