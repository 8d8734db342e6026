package dev.fulfilment.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class MetricSamplesTests {

    @Test
    void anOpenMetricsExemplarAfterTheValueIsNotTheValue() {
        // As order-service answered a scrape that accepted OpenMetrics (lines from a real one).
        var samples = MetricSamples.parse("""
                # TYPE orders_outcome counter
                orders_outcome_total{outcome="confirmed"} 4.0 # {span_id="57dbd12a41462073",trace_id="76d005af5da1c81f14466aab5246e364"} 1.0 1795727633.183
                orders_outcome_total{outcome="rejected"} 1.0
                orders_placed_total 2.0 # {span_id="75e9005631504d6a",trace_id="b52673a7a208ea20b6256d8db03ab1d5"} 1.0 1795727638.339
                # EOF
                """);

        assertThat(samples.sum("orders_outcome_total", Map.of("outcome", "confirmed")))
                .isEqualTo(4.0);
        assertThat(samples.sum("orders_outcome_total")).isEqualTo(5.0);
        assertThat(samples.sum("orders_placed_total")).isEqualTo(2.0);
    }

    @Test
    void classicTextWithTrailingCommasTimestampsAndEscapedLabelValues() {
        var samples = MetricSamples.parse("""
                saga_stage_seconds_bucket{stage="placed_to_confirmed",le="+Inf",} 110.0
                http_server_requests_seconds_count{uri="/orders/{id}",method="GET",} 7.0 1795727638339
                odd{reason="a \\"quoted\\", comma"} 3
                """);

        assertThat(samples.sum("saga_stage_seconds_bucket", Map.of("le", "+Inf")))
                .isEqualTo(110.0);
        assertThat(samples.sum("http_server_requests_seconds_count", Map.of("uri", "/orders/{id}")))
                .isEqualTo(7.0);
        assertThat(samples.sum("odd", Map.of("reason", "a \"quoted\", comma"))).isEqualTo(3.0);
        assertThat(samples.sum("absent")).isZero();
    }

    @Test
    void aLineThatIsNoSampleIsAnError() {
        assertThatThrownBy(() -> MetricSamples.parse("orders_placed_total{outcome=confirmed} 1"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("orders_placed_total");
        assertThatThrownBy(() -> MetricSamples.parse("orders_placed_total twelve"))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
