package dev.fulfilment.support.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.fulfilment.contracts.ContractValidator;
import dev.fulfilment.contracts.MessageType;
import dev.fulfilment.contracts.messages.InventoryRejected;
import dev.fulfilment.contracts.messages.InventoryReserved;
import dev.fulfilment.contracts.messages.ReservedLine;
import java.math.BigDecimal;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Two versions of one message type on the queues at once, as during a rolling deployment:
 * InventoryReserved version 1 (no prices) and version 2 (with them). A consumer reads both;
 * a producer writes the newest; a version this build does not know is poison.
 */
class EnvelopeCodecTests {

    private final ObjectMapper json = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
    private final EnvelopeCodec codec = new EnvelopeCodec(json);

    @Test
    void aVersion1MessageIsReadWithoutPrices() {
        var decoded = codec.decode(envelope(1, """
                {"lines":[{"sku":"KEYBOARD-01","quantity":2}]}"""));

        assertThat(decoded).isInstanceOfSatisfying(EnvelopeCodec.Valid.class, valid -> {
            assertThat(valid.message().version()).isEqualTo(1);
            var reserved = (InventoryReserved) valid.message().payload();
            assertThat(reserved.lines()).containsExactly(new ReservedLine("KEYBOARD-01", 2, null));
            assertThat(reserved.currency()).isNull();
        });
    }

    @Test
    void aVersion2MessageIsReadWithItsExactPrices() {
        var decoded = codec.decode(envelope(2, """
                {"lines":[{"sku":"KEYBOARD-01","quantity":2,"unitPrice":"89.10"}],"currency":"EUR"}"""));

        assertThat(decoded).isInstanceOfSatisfying(EnvelopeCodec.Valid.class, valid -> {
            var reserved = (InventoryReserved) valid.message().payload();
            assertThat(reserved.lines().getFirst().unitPrice()).isEqualByComparingTo(new BigDecimal("89.10"));
            assertThat(reserved.currency()).isEqualTo("EUR");
        });
    }

    @Test
    void aVersion2MessageWithoutPricesBreaksItsSchema() {
        var decoded = codec.decode(envelope(2, """
                {"lines":[{"sku":"KEYBOARD-01","quantity":2}],"currency":"EUR"}"""));

        assertThat(decoded)
                .isInstanceOfSatisfying(
                        EnvelopeCodec.Poison.class,
                        poison -> assertThat(poison.reason()).contains("unitPrice"));
    }

    @Test
    void aVersionThisBuildDoesNotKnowIsPoisonNamingTheOnesItReads() {
        var decoded = codec.decode(envelope(3, """
                {"lines":[{"sku":"KEYBOARD-01","quantity":2,"unitPrice":"89.10"}],"currency":"EUR"}"""));

        assertThat(decoded)
                .isInstanceOfSatisfying(
                        EnvelopeCodec.Poison.class,
                        poison -> assertThat(poison.reason())
                                .contains("version 3 of InventoryReserved is not one this service reads (1, 2)"));
    }

    @Test
    void producersWriteTheNewestVersionWithPricesAsExactDecimalStrings() throws Exception {
        var message = OutgoingMessage.caused(
                UUID.randomUUID(),
                new InventoryReserved(List.of(new ReservedLine("KEYBOARD-01", 2, new BigDecimal("89.10"))), "EUR"));

        var body = json.readTree(codec.encode(message));

        assertThat(body.path("version").asInt())
                .isEqualTo(MessageType.of(InventoryReserved.class).currentVersion());
        assertThat(body.at("/payload/lines/0/unitPrice").isTextual()).isTrue();
        assertThat(body.at("/payload/lines/0/unitPrice").asText()).isEqualTo("89.10");
        assertThat(new ContractValidator().violations(body)).isEmpty();
    }

    @Test
    void aMessageThatBreaksItsContractFailsWhereItIsMadeNotAtItsConsumer() {
        var tooLong = OutgoingMessage.caused(
                UUID.randomUUID(), new InventoryRejected("x".repeat(501), List.of(), List.of("UNKNOWN-1")));

        assertThatThrownBy(() -> codec.encode(tooLong))
                .isInstanceOf(EnvelopeCodec.ContractViolationException.class)
                .hasMessageContaining("an outgoing InventoryRejected breaks its contract")
                .hasMessageContaining("reason");
    }

    private static String envelope(int version, String payload) {
        return """
                {"messageId":"%s","type":"InventoryReserved","version":%d,"occurredAt":"2026-11-26T10:15:30Z",
                 "orderId":"%s","causationId":null,"traceparent":null,"payload":%s}""".formatted(UUID.randomUUID(), version, UUID.randomUUID(), payload);
    }
}
