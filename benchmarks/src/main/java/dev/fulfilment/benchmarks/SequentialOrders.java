package dev.fulfilment.benchmarks;

import dev.fulfilment.benchmarks.measure.ServerWaits;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.regex.Pattern;

/** One order placed and followed to CONFIRMED, as the latency and idle modes do it. */
final class SequentialOrders {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final Pattern STATUS = Pattern.compile("\"status\":\"([A-Z_]+)\"");
    private static final Pattern ID = Pattern.compile("\"id\":\"([0-9a-f-]{36})\"");
    private static final Pattern TIMELINE_AT =
            Pattern.compile("\\{\"status\":\"([A-Z_]+)\",\"reason\":\"[^\"]*\",\"at\":\"([^\"]+)\"}");

    private final String orderUrl;
    private final Customers customers;
    private final java.util.Map<String, String> placedBy = new java.util.HashMap<>();
    private int ordersPlaced;

    /**
     * @param orderUrl order-service's API
     * @param customers who places them, a few orders each
     */
    SequentialOrders(String orderUrl, Customers customers) {
        this.orderUrl = orderUrl;
        this.customers = customers;
    }

    /** @return the placed order's id */
    String place(String sku) throws IOException, InterruptedException {
        var authorization = customers.authorization(ordersPlaced++);
        var body = """
                {"lines":[{"sku":"%s","quantity":1}],
                 "shippingAddress":{"recipient":"Bench Mark","line1":"1 Loop Road","city":"London","postalCode":"N1","country":"GB"}}""".formatted(sku);
        var placed = HTTP.send(
                HttpRequest.newBuilder(URI.create(orderUrl + "/orders"))
                        .header("Content-Type", "application/json")
                        .header("Authorization", authorization)
                        .POST(HttpRequest.BodyPublishers.ofString(body))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        var id = ID.matcher(placed.body());
        if (placed.statusCode() != 202 || !id.find()) {
            throw new IllegalStateException("placing failed: " + placed.statusCode() + " " + placed.body());
        }
        placedBy.put(id.group(1), authorization);
        return id.group(1);
    }

    /** @return the order once CONFIRMED, read every pollEvery */
    String awaitConfirmed(String id, Duration pollEvery) throws IOException, InterruptedException {
        var get = HttpRequest.newBuilder(URI.create(orderUrl + "/orders/" + id))
                .header("Authorization", placedBy.get(id))
                .build();
        var deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < deadline) {
            var current = HTTP.send(get, HttpResponse.BodyHandlers.ofString()).body();
            var status = STATUS.matcher(current);
            if (status.find()
                    && !status.group(1).equals("PENDING")
                    && !status.group(1).equals("INVENTORY_RESERVED")) {
                if (!status.group(1).equals("CONFIRMED")) {
                    throw new IllegalStateException("order ended " + status.group(1) + ": " + current);
                }
                return current;
            }
            Thread.sleep(pollEvery);
        }
        throw new IllegalStateException("order not CONFIRMED within 30 s");
    }

    /** The order's PENDING and CONFIRMED entries, as order-service recorded them. */
    static ServerWaits.Window timeline(String order) {
        Instant pending = null;
        Instant confirmed = null;
        var entries = TIMELINE_AT.matcher(order);
        while (entries.find()) {
            switch (entries.group(1)) {
                case "PENDING" -> pending = Instant.parse(entries.group(2));
                case "CONFIRMED" -> confirmed = Instant.parse(entries.group(2));
                default -> {}
            }
        }
        return new ServerWaits.Window(pending, confirmed);
    }
}
