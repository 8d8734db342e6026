package dev.fulfilment.support.tracing;

import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.trace.data.LinkData;
import io.opentelemetry.sdk.trace.samplers.Sampler;
import io.opentelemetry.sdk.trace.samplers.SamplingResult;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.util.List;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Which traces are recorded: a share of those that start with work (a request, a message),
 * decided once at their root, and none that would start at a database statement or an AWS
 * call. Those are children of the request or message that made them; alone they are the
 * outbox relay's polls, the gauges and the health checks, which would otherwise fill the
 * trace store with one-span traces. Quarkus uses this bean in place of the configured
 * sampler, and still drops the management endpoints. A caller cannot force a trace to be
 * recorded by sending a sampled {@code traceparent}.
 */
@Singleton
public class WorkSampler {

    @Produces
    @Singleton
    Sampler sampler(@ConfigProperty(name = "quarkus.otel.traces.sampler.arg", defaultValue = "1") double ratio) {
        // A remote parent's decision (a traceparent from the internet, or from a message) is not
        // taken on trust: the ratio decides again. It decides by the trace id, so every service
        // of this system comes to the same answer for one trace, whoever asked for it.
        var byTraceId = Sampler.traceIdRatioBased(ratio);
        return new RootedInWork(Sampler.parentBasedBuilder(byTraceId)
                .setRemoteParentSampled(byTraceId)
                .setRemoteParentNotSampled(byTraceId)
                .build());
    }

    record RootedInWork(Sampler delegate) implements Sampler {

        @Override
        public SamplingResult shouldSample(
                Context parentContext,
                String traceId,
                String name,
                SpanKind spanKind,
                Attributes attributes,
                List<LinkData> parentLinks) {
            var hasParent = Span.fromContext(parentContext).getSpanContext().isValid();
            if (!hasParent && spanKind == SpanKind.CLIENT) {
                return SamplingResult.drop();
            }
            return delegate.shouldSample(parentContext, traceId, name, spanKind, attributes, parentLinks);
        }

        @Override
        public String getDescription() {
            return "RootedInWork{" + delegate.getDescription() + "}";
        }
    }
}
