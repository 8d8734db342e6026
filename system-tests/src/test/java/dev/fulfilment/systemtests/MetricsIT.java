package dev.fulfilment.systemtests;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import dev.fulfilment.devstack.Service;
import dev.fulfilment.ops.DeadLetters;
import dev.fulfilment.testkit.MetricSamples;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The README's metrics table is what the services expose: after an order confirmed, one
 * rejected and a poison message on each queue, every metric it names is on the /q/metrics of
 * the services it names, and every metric of the system's own that a service exposes is in
 * the table.
 */
@ExtendWith(RunningSystem.class)
class MetricsIT {

    private static final Pattern OWN_FAMILY =
            Pattern.compile("(?m)^# TYPE ((orders|saga|outbox|messaging|inventory)_\\S+) ");
    private static final String POISON_ORDER = "00000000-0000-0000-0000-0000000000ee";

    private final RunningSystem system;
    private final Shop shop;

    MetricsIT(RunningSystem system) {
        this.system = system;
        this.shop = new Shop(system);
    }

    /** A row of the table: the metric's name as the README writes it, and its services. */
    record Row(String name, Set<Service> services, boolean onlyOnceItHappens) {}

    @Test
    void theReadmeTableAndTheExposedMetricsAgree() throws Exception {
        var sku = shop.newProduct(1);
        shop.awaitStatus(shop.placeOrder(sku, 1), "CONFIRMED");
        shop.awaitStatus(shop.placeOrder(sku, 1), "REJECTED");
        for (var queue : List.of("order-events", "inventory-commands", "shipping-commands")) {
            system.sqs()
                    .sendMessage(request -> request.queueUrl(system.queueUrl(queue))
                            .messageBody("{\"orderId\":\"" + POISON_ORDER + "\",\"poison\":true}"));
        }
        var deadLetters = new DeadLetters(system.sqs(), "");
        org.awaitility.Awaitility.await()
                .atMost(Duration.ofSeconds(15))
                .until(() -> deadLetters.list().stream()
                                .filter(letter -> POISON_ORDER.equals(letter.orderId()))
                                .count()
                        == 3);
        deadLetters.discard(letter -> POISON_ORDER.equals(letter.orderId()));

        var rows = readmeRows();
        var exposed = new EnumMap<Service, String>(Service.class);
        for (var service : Service.values()) {
            exposed.put(
                    service,
                    given().baseUri(system.managementUrl(service))
                            .get("/q/metrics")
                            .then()
                            .statusCode(200)
                            .extract()
                            .asString());
        }

        var missing = new ArrayList<String>();
        for (var row : rows) {
            for (var service : row.services()) {
                if (!row.onlyOnceItHappens() && !exposes(exposed.get(service), row.name())) {
                    missing.add(row.name() + " on " + service);
                }
            }
        }
        assertThat(missing).as("metrics the README names that are not exposed").isEmpty();

        var documented = new TreeSet<String>();
        rows.forEach(row -> documented.add(family(row.name())));
        var undocumented = new TreeSet<String>();
        exposed.forEach((service, text) -> {
            var matcher = OWN_FAMILY.matcher(text);
            while (matcher.find()) {
                var family = family(matcher.group(1));
                if (!documented.contains(family)) {
                    undocumented.add(family + " (" + service + ")");
                }
            }
        });
        assertThat(undocumented)
                .as("metrics exposed that the README does not name")
                .isEmpty();
    }

    @Test
    void anOrderConfirmedAndAnOrderRejectedMoveTheBusinessCounters() {
        var before = orderServiceMetrics();
        var sku = shop.newProduct(1);
        shop.awaitStatus(shop.placeOrder(sku, 1), "CONFIRMED");
        shop.awaitStatus(shop.placeOrder(sku, 1), "REJECTED");
        // Counted after each transaction commits: the scrape may come a moment after the status.
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
            var after = orderServiceMetrics();
            assertThat(moved(before, after, "orders_placed_total", Map.of()))
                    .as("orders placed")
                    .isEqualTo(2);
            assertThat(moved(before, after, "orders_outcome_total", Map.of("outcome", "confirmed")))
                    .as("orders confirmed")
                    .isEqualTo(1);
            assertThat(moved(before, after, "orders_outcome_total", Map.of("outcome", "rejected")))
                    .as("orders rejected")
                    .isEqualTo(1);
            assertThat(moved(before, after, "saga_stage_seconds_count", Map.of("stage", "placed_to_confirmed")))
                    .as("placed-to-confirmed times recorded")
                    .isEqualTo(1);
        });
    }

    /**
     * A backlog of minutes shows as minutes: an order waits out a backlog on a command queue, and
     * a quantile past the largest finite bucket can only read as that bucket's bound.
     */
    @Test
    void theSagaStageHistogramTellsApartStagesOfUpToTwentyMinutes() {
        // The histogram is exposed once a stage was timed.
        var sku = shop.newProduct(1);
        shop.awaitStatus(shop.placeOrder(sku, 1), "CONFIRMED");

        var largestBound = orderServiceMetrics().samples().stream()
                .filter(sample -> sample.name().equals("saga_stage_seconds_bucket"))
                .map(sample -> sample.labels().get("le"))
                .filter(bound -> !bound.equals("+Inf"))
                .mapToDouble(Double::parseDouble)
                .max()
                .orElseThrow();

        assertThat(largestBound).as("largest finite bucket, seconds").isGreaterThanOrEqualTo(20 * 60);
    }

    /**
     * Asks as Prometheus does, for OpenMetrics: its sample lines may end in an exemplar, which
     * a parser that took the last number on the line would read as the value (it once did).
     */
    private MetricSamples orderServiceMetrics() {
        return MetricSamples.parse(given().baseUri(system.managementUrl(Service.ORDER))
                .accept("application/openmetrics-text; version=1.0.0, text/plain; version=0.0.4; q=0.5")
                .get("/q/metrics")
                .then()
                .statusCode(200)
                .extract()
                .asString());
    }

    private static double moved(MetricSamples before, MetricSamples after, String name, Map<String, String> labels) {
        return after.sum(name, labels) - before.sum(name, labels);
    }

    /** orders_outcome_total, saga_stage_seconds_max and the like, by the family's name. */
    private static String family(String name) {
        return name.replaceAll("_(total|max)$", "");
    }

    private static boolean exposes(String scrape, String name) {
        return Pattern.compile("(?m)^" + Pattern.quote(name) + "(_bucket|_count)?[{ ]")
                .matcher(scrape)
                .find();
    }

    private static List<Row> readmeRows() throws Exception {
        var readme = Files.readString(Path.of(System.getProperty("project.root", ".."), "README.md"));
        var section = readme.substring(readme.indexOf("### Metrics"));
        section = section.substring(0, section.indexOf("\n### ", 5));
        var rows = new ArrayList<Row>();
        var row = Pattern.compile("(?m)^\\| `([a-z_]+)(\\{[^}]*})?` \\| ([a-z, ]+) \\| (.*) \\|$")
                .matcher(section);
        while (row.find()) {
            var services = new TreeSet<Service>();
            for (var name : row.group(3).split(",\\s*")) {
                switch (name.trim()) {
                    case "all" -> services.addAll(List.of(Service.values()));
                    case "order" -> services.add(Service.ORDER);
                    case "inventory" -> services.add(Service.INVENTORY);
                    case "shipping" -> services.add(Service.SHIPPING);
                    default -> throw new AssertionError("unknown service '" + name + "' in the README's metrics table");
                }
            }
            rows.add(new Row(row.group(1), services, row.group(4).contains("(from the first one)")));
        }
        assertThat(rows).as("rows of the README's metrics table").hasSizeGreaterThan(10);
        return rows;
    }
}
