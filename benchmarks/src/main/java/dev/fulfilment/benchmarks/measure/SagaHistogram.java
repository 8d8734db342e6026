package dev.fulfilment.benchmarks.measure;

import dev.fulfilment.testkit.MetricSamples;
import java.io.IOException;
import java.net.http.HttpClient;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The saga's stage times as order-service counts them ({@code saga_stage_seconds} on its
 * {@code /q/metrics}): the cumulative buckets of one stage at one moment. The difference of
 * two readings is what happened between them, and its quantiles are estimated as Prometheus's
 * {@code histogram_quantile} does, by linear interpolation inside the bucket.
 */
public record SagaHistogram(TreeMap<Double, Double> cumulativeCounts) {

    /** Every stage's histogram as the service's metrics show it now. */
    public static Map<String, SagaHistogram> read(HttpClient http, String managementUrl)
            throws IOException, InterruptedException {
        return parse(MetricSamples.scrape(http, managementUrl));
    }

    static Map<String, SagaHistogram> parse(String prometheusText) {
        var stages = new TreeMap<String, SagaHistogram>();
        for (var sample : MetricSamples.parse(prometheusText).samples()) {
            var stage = sample.labels().get("stage");
            var bound = sample.labels().get("le");
            if (sample.name().equals("saga_stage_seconds_bucket") && stage != null && bound != null) {
                stages.computeIfAbsent(stage, name -> new SagaHistogram(new TreeMap<>()))
                        .cumulativeCounts()
                        .put(
                                bound.equals("+Inf") ? Double.POSITIVE_INFINITY : Double.parseDouble(bound),
                                sample.value());
            }
        }
        return stages;
    }

    /** What was counted since the earlier reading. */
    public SagaHistogram since(SagaHistogram earlier) {
        var counts = new TreeMap<Double, Double>();
        cumulativeCounts.forEach((bound, count) -> counts.put(
                bound, count - (earlier == null ? 0 : earlier.cumulativeCounts().getOrDefault(bound, 0.0))));
        return new SagaHistogram(counts);
    }

    public double count() {
        return cumulativeCounts.isEmpty() ? 0 : cumulativeCounts.lastEntry().getValue();
    }

    /**
     * The estimated quantile as a table shows it: milliseconds, or "over" the largest finite
     * bucket's bound when the quantile lies beyond it (that bound is all the buckets know).
     */
    public String millis(double q) {
        var seconds = quantile(q);
        return beyondLargestBucket(q) ? "over %.0f ms".formatted(seconds * 1000) : "%.1f ms".formatted(seconds * 1000);
    }

    private boolean beyondLargestBucket(double q) {
        var finite = cumulativeCounts.headMap(Double.POSITIVE_INFINITY, false);
        return count() > 0 && (finite.isEmpty() || finite.lastEntry().getValue() < q * count());
    }

    /** The estimated quantile in seconds, or NaN without observations. */
    double quantile(double q) {
        var total = count();
        if (total == 0) {
            return Double.NaN;
        }
        var rank = q * total;
        var lowerBound = 0.0;
        var lowerCount = 0.0;
        List<Map.Entry<Double, Double>> buckets = new ArrayList<>(cumulativeCounts.entrySet());
        for (var bucket : buckets) {
            if (bucket.getValue() >= rank) {
                if (bucket.getKey().isInfinite()) {
                    return lowerBound; // beyond the largest finite bucket: its bound is all we know
                }
                var inBucket = bucket.getValue() - lowerCount;
                return inBucket == 0
                        ? bucket.getKey()
                        : lowerBound + (bucket.getKey() - lowerBound) * (rank - lowerCount) / inBucket;
            }
            lowerBound = bucket.getKey();
            lowerCount = bucket.getValue();
        }
        return lowerBound;
    }
}
