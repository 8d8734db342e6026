package dev.fulfilment.benchmarks;

import dev.fulfilment.benchmarks.measure.SagaHistogram;
import dev.fulfilment.devstack.Service;
import java.io.IOException;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The default mode: each service's time from process start to its first ready answer (started
 * alone, median of several), its resident memory after start and after the run, and the
 * placed-to-CONFIRMED latency of orders placed one after the other.
 */
final class LatencyBenchmark {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private LatencyBenchmark() {}

    static void run(Path projectRoot, int orders, int restarts) throws Exception {
        try (var stack = BenchmarkStack.fresh(projectRoot)) {
            var startups = new EnumMap<Service, List<Duration>>(Service.class);
            var rssAfterStart = new EnumMap<Service, Long>(Service.class);
            for (var service : Service.values()) {
                var times = new ArrayList<Duration>();
                for (int i = 0; i < restarts; i++) {
                    times.add(stack.restart(service));
                }
                startups.put(service, times);
                Thread.sleep(1000);
                rssAfterStart.put(service, BenchmarkStack.residentKilobytes(stack.pid(service)));
            }
            var customer = new SequentialOrders(
                    stack.url(Service.ORDER),
                    new Customers(stack.issuer(), "latency").prepare(orders + 20 + orders / 5));
            var warmUp = Math.max(20, orders / 5);
            for (int i = 0; i < warmUp; i++) {
                placeAndAwaitConfirmed(customer);
            }
            var clientMillis = new ArrayList<Double>();
            var serverMillis = new ArrayList<Double>();
            var sagaBefore = SagaHistogram.read(HTTP, stack.managementUrl(Service.ORDER));
            var started = Instant.now();
            for (int i = 0; i < orders; i++) {
                var result = placeAndAwaitConfirmed(customer);
                clientMillis.add(result[0]);
                serverMillis.add(result[1]);
            }
            var elapsed = Duration.between(started, Instant.now());
            var sagaAfter = SagaHistogram.read(HTTP, stack.managementUrl(Service.ORDER));
            var rssAfterLoad = new EnumMap<Service, Long>(Service.class);
            for (var service : Service.values()) {
                rssAfterLoad.put(service, BenchmarkStack.residentKilobytes(stack.pid(service)));
            }
            print(startups, rssAfterStart, rssAfterLoad, clientMillis, serverMillis, orders, warmUp, elapsed);
            printSagaStages(sagaBefore, sagaAfter);
        }
    }

    /** @return client-observed and server-recorded (timeline) milliseconds from placed to CONFIRMED */
    private static double[] placeAndAwaitConfirmed(SequentialOrders customer) throws IOException, InterruptedException {
        var placedAt = System.nanoTime();
        var id = customer.place("USB-C-CABLE");
        var confirmed = customer.awaitConfirmed(id, Duration.ofMillis(1));
        var clientMillis = (System.nanoTime() - placedAt) / 1e6;
        var timeline = SequentialOrders.timeline(confirmed);
        return new double[] {
            clientMillis, Duration.between(timeline.start(), timeline.end()).toNanos() / 1e6
        };
    }

    private static void print(
            Map<Service, List<Duration>> startups,
            Map<Service, Long> rssAfterStart,
            Map<Service, Long> rssAfterLoad,
            List<Double> clientMillis,
            List<Double> serverMillis,
            int orders,
            int warmUp,
            Duration elapsed) {
        System.out.printf("%n## %s, %s%n%n", LocalDate.now(), BenchmarkStack.machine());
        System.out.println("| service | start to first ready answer (median of "
                + startups.get(Service.ORDER).size() + ", min-max) | RSS after start | RSS after the latency run |");
        System.out.println("|---|---|---|---|");
        for (var service : Service.values()) {
            var millis = startups.get(service).stream()
                    .map(Duration::toMillis)
                    .sorted()
                    .toList();
            System.out.printf(
                    "| %s | %d ms (%d-%d) | %d MB | %d MB |%n",
                    service.directoryName(),
                    millis.get(millis.size() / 2),
                    millis.getFirst(),
                    millis.getLast(),
                    rssAfterStart.get(service) / 1024,
                    rssAfterLoad.get(service) / 1024);
        }
        System.out.printf(
                "%nPlaced-to-CONFIRMED, %d sequential orders after %d to warm up (%.1f orders/s end to end):%n%n",
                orders, warmUp, orders / (elapsed.toMillis() / 1000.0));
        System.out.println("| measured | p50 | p90 | p99 | max |");
        System.out.println("|---|---|---|---|---|");
        printPercentiles("client: POST to first GET that shows CONFIRMED", clientMillis);
        printPercentiles("server: PENDING to CONFIRMED in the order's timeline", serverMillis);
    }

    /** The same run as order-service's own histograms count it (saga_stage_seconds). */
    private static void printSagaStages(Map<String, SagaHistogram> before, Map<String, SagaHistogram> after) {
        System.out.printf("%nThe same orders in order-service's metrics (saga_stage_seconds, estimated within"
                + " the histogram's buckets):%n%n");
        System.out.println("| stage | orders | p50 | p99 |");
        System.out.println("|---|---|---|---|");
        after.forEach((stage, histogram) -> {
            var run = histogram.since(before.get(stage));
            System.out.printf("| %s | %.0f | %s | %s |%n", stage, run.count(), run.millis(0.5), run.millis(0.99));
        });
    }

    private static void printPercentiles(String label, List<Double> millis) {
        var sorted = new ArrayList<>(millis);
        Collections.sort(sorted);
        System.out.printf(
                "| %s | %.1f ms | %.1f ms | %.1f ms | %.1f ms |%n",
                label,
                BenchmarkStack.percentile(sorted, 50),
                BenchmarkStack.percentile(sorted, 90),
                BenchmarkStack.percentile(sorted, 99),
                sorted.getLast());
    }
}
