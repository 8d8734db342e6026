package dev.fulfilment.support.messaging;

import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapGetter;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.function.Supplier;
import org.jboss.logging.MDC;

/**
 * A CONSUMER span around the handling of each message, child of the span that sent it (its
 * {@code traceparent}), so that a trace follows an order across the queues. What the handler
 * sends is sent from inside it, and so carries it on. Spans are always made; whether they are
 * recorded and exported is the sampler's decision (see application.properties).
 */
@ApplicationScoped
public class MessageTracing {

    private static final TextMapGetter<String> TRACEPARENT_ONLY = new TextMapGetter<>() {
        @Override
        public Iterable<String> keys(String traceparent) {
            return List.of("traceparent");
        }

        @Override
        public String get(String traceparent, String key) {
            return "traceparent".equals(key) ? traceparent : null;
        }
    };

    /** The MDC key, and log field, of the order a line is about. */
    public static final String ORDER_ID = "orderId";

    static final String TRACE_ID = "traceId";
    static final String SPAN_ID = "spanId";

    private final Tracer tracer;

    MessageTracing(OpenTelemetry openTelemetry) {
        this.tracer = openTelemetry.getTracer("dev.fulfilment.messaging");
    }

    /**
     * Runs what the batch's messages do together ({@link MessageHandler#prepare}) inside one
     * span: a child of the first message's sender, linked to the others', so that each order's
     * trace leads to the work it shared (OpenTelemetry's batch processing).
     */
    public void prepareInSpan(String queue, List<IncomingMessage> batch, Runnable preparing) {
        var builder = tracer.spanBuilder(queue + " prepare")
                .setParent(senderOf(batch.getFirst()))
                .setSpanKind(SpanKind.CONSUMER)
                .setAttribute("messaging.system", "aws_sqs")
                .setAttribute("messaging.operation.type", "process")
                .setAttribute("messaging.destination.name", queue)
                .setAttribute("messaging.batch.message_count", (long) batch.size());
        for (var message : batch.subList(1, batch.size())) {
            var sender = Span.fromContext(senderOf(message)).getSpanContext();
            if (sender.isValid()) {
                builder.addLink(sender);
            }
        }
        var span = builder.startSpan();
        try (var scope = span.makeCurrent()) {
            preparing.run();
        } catch (RuntimeException e) {
            span.recordException(e);
            span.setStatus(StatusCode.ERROR, e.getClass().getSimpleName());
            throw e;
        } finally {
            span.end();
        }
    }

    private static Context senderOf(IncomingMessage message) {
        return message.traceparent() == null
                ? Context.root()
                : W3CTraceContextPropagator.getInstance()
                        .extract(Context.root(), message.traceparent(), TRACEPARENT_ONLY);
    }

    /** Runs the handling inside the message's span; a failure marks the span as an error. */
    public <T> T handleInSpan(String queue, IncomingMessage message, Supplier<T> handling) {
        var parent = senderOf(message);
        var span = tracer.spanBuilder(queue + " process")
                .setParent(parent)
                .setSpanKind(SpanKind.CONSUMER)
                .setAttribute("messaging.system", "aws_sqs")
                .setAttribute("messaging.operation.type", "process")
                .setAttribute("messaging.destination.name", queue)
                .setAttribute("messaging.message.id", message.messageId().toString())
                .setAttribute("messaging.message.type", message.type().wireName())
                .setAttribute("order.id", message.orderId().toString())
                .startSpan();
        // Every log line of the handling names the order and the trace (JSON logs carry the
        // MDC; the keys are those Quarkus uses for HTTP requests).
        MDC.put(ORDER_ID, message.orderId().toString());
        MDC.put(TRACE_ID, span.getSpanContext().getTraceId());
        MDC.put(SPAN_ID, span.getSpanContext().getSpanId());
        try (var scope = span.makeCurrent()) {
            return handling.get();
        } catch (RuntimeException e) {
            span.recordException(e);
            span.setStatus(StatusCode.ERROR, e.getClass().getSimpleName());
            throw e;
        } finally {
            span.end();
            MDC.remove(ORDER_ID);
            MDC.remove(TRACE_ID);
            MDC.remove(SPAN_ID);
        }
    }
}
