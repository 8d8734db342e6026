package dev.fulfilment.benchmarks.measure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class SagaHistogramTests {

    private static final String BEFORE = """
            # TYPE saga_stage_seconds histogram
            saga_stage_seconds_bucket{stage="placed_to_confirmed",le="0.01",} 0.0
            saga_stage_seconds_bucket{stage="placed_to_confirmed",le="0.02",} 10.0
            saga_stage_seconds_bucket{stage="placed_to_confirmed",le="0.05",} 10.0
            saga_stage_seconds_bucket{stage="placed_to_confirmed",le="+Inf",} 10.0
            saga_stage_seconds_count{stage="placed_to_confirmed",} 10.0
            saga_stage_seconds_bucket{le="0.01",stage="placed_to_reserved",} 10.0
            saga_stage_seconds_bucket{le="+Inf",stage="placed_to_reserved",} 10.0
            """;

    private static final String AFTER = """
            saga_stage_seconds_bucket{stage="placed_to_confirmed",le="0.01",} 0.0
            saga_stage_seconds_bucket{stage="placed_to_confirmed",le="0.02",} 60.0
            saga_stage_seconds_bucket{stage="placed_to_confirmed",le="0.05",} 110.0
            saga_stage_seconds_bucket{stage="placed_to_confirmed",le="+Inf",} 110.0
            saga_stage_seconds_bucket{le="0.01",stage="placed_to_reserved",} 110.0
            saga_stage_seconds_bucket{le="+Inf",stage="placed_to_reserved",} 110.0
            """;

    @Test
    void theQuantilesOfWhatHappenedBetweenTwoReadingsInterpolateInsideTheBucket() {
        var before = SagaHistogram.parse(BEFORE);
        var after = SagaHistogram.parse(AFTER);

        var run = after.get("placed_to_confirmed").since(before.get("placed_to_confirmed"));

        assertThat(run.count()).isEqualTo(100);
        // 50 observations in (0.01, 0.02], 50 in (0.02, 0.05]
        assertThat(run.quantile(0.5)).isCloseTo(0.02, within(1e-9));
        assertThat(run.quantile(0.99)).isCloseTo(0.02 + 0.03 * 49 / 50, within(1e-9));
        assertThat(after.get("placed_to_reserved")
                        .since(before.get("placed_to_reserved"))
                        .quantile(0.5))
                .isCloseTo(0.005, within(1e-9));
    }

    @Test
    void aQuantileBeyondTheLargestBucketIsShownAsOverItsBound() {
        var run = SagaHistogram.parse("""
                saga_stage_seconds_bucket{stage="placed_to_confirmed",le="0.02",} 60.0
                saga_stage_seconds_bucket{stage="placed_to_confirmed",le="30.0",} 90.0
                saga_stage_seconds_bucket{stage="placed_to_confirmed",le="+Inf",} 100.0
                """).get("placed_to_confirmed");

        assertThat(run.millis(0.5)).isEqualTo("16.7 ms");
        assertThat(run.millis(0.9)).isEqualTo("30000.0 ms");
        assertThat(run.millis(0.99)).isEqualTo("over 30000 ms");
    }

    @Test
    void noObservationsHaveNoQuantile() {
        var reading = SagaHistogram.parse(BEFORE).get("placed_to_confirmed");

        assertThat(reading.since(reading).quantile(0.99)).isNaN();
    }
}
