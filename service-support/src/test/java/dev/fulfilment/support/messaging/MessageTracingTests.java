package dev.fulfilment.support.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.fulfilment.contracts.Envelope;
import dev.fulfilment.contracts.MessageType;
import dev.fulfilment.contracts.messages.InventoryReleased;
import dev.fulfilment.contracts.messages.ReleaseInventory;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import io.opentelemetry.sdk.trace.samplers.Sampler;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** With an OpenTelemetry SDK, a message's handling is a span under its sender's, and what it sends is under it. */
class MessageTracingTests {

    private static final String TRACE_ID = "4bf92f3577b34da6a3ce929d0e0e4736";
    private static final String SENDER_SPAN_ID = "00f067aa0ba902b7";

    private final InMemorySpanExporter exported = InMemorySpanExporter.create();
    private final MessageTracing tracing = new MessageTracing(OpenTelemetrySdk.builder()
            .setTracerProvider(SdkTracerProvider.builder()
                    .setSampler(Sampler.parentBased(Sampler.alwaysOn()))
                    .addSpanProcessor(SimpleSpanProcessor.create(exported))
                    .build())
            .build());

    @Test
    void handlingIsAConsumerSpanUnderTheSenderAndRepliesCarryIt() {
        var message = message("00-" + TRACE_ID + "-" + SENDER_SPAN_ID + "-01");

        var reply = tracing.handleInSpan(
                "inventory-commands", message, () -> OutgoingMessage.replyTo(message, new InventoryReleased()));

        var span = exported.getFinishedSpanItems().getFirst();
        assertThat(span.getKind()).isEqualTo(SpanKind.CONSUMER);
        assertThat(span.getTraceId()).isEqualTo(TRACE_ID);
        assertThat(span.getParentSpanId()).isEqualTo(SENDER_SPAN_ID);
        assertThat(span.getName()).isEqualTo("inventory-commands process");
        assertThat(reply.traceparent()).isEqualTo("00-" + TRACE_ID + "-" + span.getSpanId() + "-01");
    }

    @Test
    void everyLogLineOfTheHandlingNamesTheOrderAndTheTraceAndNoneAfter() {
        var message = message("00-" + TRACE_ID + "-" + SENDER_SPAN_ID + "-01");
        var during = new java.util.HashMap<String, Object>();

        tracing.handleInSpan("order-events", message, () -> {
            during.putAll(org.jboss.logging.MDC.getMap());
            return null;
        });

        var span = exported.getFinishedSpanItems().getFirst();
        assertThat(during)
                .containsEntry("orderId", message.orderId().toString())
                .containsEntry("traceId", TRACE_ID)
                .containsEntry("spanId", span.getSpanId());
        assertThat(org.jboss.logging.MDC.getMap()).doesNotContainKeys("orderId", "traceId", "spanId");
    }

    @Test
    void aFailingHandlerMarksItsSpanAsAnErrorAndStillFails() {
        var message = message(null);

        assertThatThrownBy(() -> tracing.handleInSpan("order-events", message, () -> {
                    throw new IllegalStateException("database down");
                }))
                .isInstanceOf(IllegalStateException.class);

        var span = exported.getFinishedSpanItems().getFirst();
        assertThat(span.getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
        assertThat(span.getParentSpanContext().isValid()).isFalse();
    }

    @Test
    void anUnsampledTraceStillTravelsWithTheMessagesItCauses() {
        var message = message("00-" + TRACE_ID + "-" + SENDER_SPAN_ID + "-00");

        var reply = tracing.handleInSpan(
                "inventory-commands", message, () -> OutgoingMessage.replyTo(message, new InventoryReleased()));

        assertThat(exported.getFinishedSpanItems())
                .as("not sampled: not recorded")
                .isEmpty();
        assertThat(reply.traceparent()).startsWith("00-" + TRACE_ID + "-").endsWith("-00");
    }

    @Test
    void whatABatchSharesIsOneSpanUnderTheFirstSenderLinkedToEveryOther() {
        var otherTrace = "0af7651916cd43dd8448eb211c80319c";
        var otherSender = "b7ad6b7169203331";
        var batch = java.util.List.of(
                message("00-" + TRACE_ID + "-" + SENDER_SPAN_ID + "-01"),
                message("00-" + otherTrace + "-" + otherSender + "-01"),
                message(null));

        tracing.prepareInSpan("inventory-commands", batch, () -> {});

        var span = exported.getFinishedSpanItems().getFirst();
        assertThat(span.getName()).isEqualTo("inventory-commands prepare");
        assertThat(span.getTraceId()).isEqualTo(TRACE_ID);
        assertThat(span.getParentSpanId()).isEqualTo(SENDER_SPAN_ID);
        assertThat(span.getLinks()).singleElement().satisfies(link -> {
            assertThat(link.getSpanContext().getTraceId()).isEqualTo(otherTrace);
            assertThat(link.getSpanContext().getSpanId()).isEqualTo(otherSender);
        });
        assertThat(span.getAttributes()
                        .get(io.opentelemetry.api.common.AttributeKey.longKey("messaging.batch.message_count")))
                .isEqualTo(3L);
    }

    @Test
    void outsideAnySpanAMessageCarriesNoTraceContext() {
        assertThat(OutgoingMessage.caused(UUID.randomUUID(), new InventoryReleased())
                        .traceparent())
                .isNull();
    }

    private static IncomingMessage message(String traceparent) {
        var envelope = new Envelope(
                UUID.randomUUID(), "ReleaseInventory", 1, Instant.now(), UUID.randomUUID(), null, traceparent, null);
        return new IncomingMessage(envelope, MessageType.of(ReleaseInventory.class), new ReleaseInventory("test"));
    }
}
