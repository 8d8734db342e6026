package dev.fulfilment.support.tracing;

import static org.assertj.core.api.Assertions.assertThat;

import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.trace.samplers.Sampler;
import io.opentelemetry.sdk.trace.samplers.SamplingDecision;
import java.util.List;
import org.junit.jupiter.api.Test;

class WorkSamplerTests {

    private static final String TRACE_ID = "4bf92f3577b34da6a3ce929d0e0e4736";

    private final Sampler none = new WorkSampler().sampler(0);
    private final Sampler all = new WorkSampler().sampler(1);

    @Test
    void aSampledTraceparentFromOutsideDoesNotForceRecording() {
        var remote = parent(SpanContext.createFromRemoteParent(
                TRACE_ID, "00f067aa0ba902b7", TraceFlags.getSampled(), TraceState.getDefault()));

        assertThat(decision(none, remote, SpanKind.SERVER)).isEqualTo(SamplingDecision.DROP);
    }

    @Test
    void aRemoteParentThatWasNotSampledIsRecordedWhenTheRatioSaysSo() {
        var remote = parent(SpanContext.createFromRemoteParent(
                TRACE_ID, "00f067aa0ba902b7", TraceFlags.getDefault(), TraceState.getDefault()));

        assertThat(decision(all, remote, SpanKind.CONSUMER)).isEqualTo(SamplingDecision.RECORD_AND_SAMPLE);
    }

    @Test
    void aSpanInsideARecordedTraceOfThisServiceIsRecordedWhateverTheRatio() {
        var local = parent(
                SpanContext.create(TRACE_ID, "00f067aa0ba902b7", TraceFlags.getSampled(), TraceState.getDefault()));

        assertThat(decision(none, local, SpanKind.CLIENT)).isEqualTo(SamplingDecision.RECORD_AND_SAMPLE);
    }

    @Test
    void noTraceStartsAtAClientCall() {
        assertThat(decision(all, Context.root(), SpanKind.CLIENT)).isEqualTo(SamplingDecision.DROP);
        assertThat(decision(all, Context.root(), SpanKind.SERVER)).isEqualTo(SamplingDecision.RECORD_AND_SAMPLE);
    }

    private static Context parent(SpanContext spanContext) {
        return Context.root().with(Span.wrap(spanContext));
    }

    private static SamplingDecision decision(Sampler sampler, Context parent, SpanKind kind) {
        return sampler.shouldSample(parent, TRACE_ID, "GET /orders", kind, Attributes.empty(), List.of())
                .getDecision();
    }
}
