package dev.fulfilment.benchmarks;

import dev.fulfilment.benchmarks.measure.CpuUse;
import dev.fulfilment.devstack.Service;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.regex.Pattern;

/**
 * The read path of order-service: orders read back by their customers (forty, five orders
 * each: no customer may hold more open), one request after the other ({@code GET
 * /orders/{id}}), then by four connections at once for ten seconds ({@code GET
 * /orders?limit=20}, a customer's five), each request signed with its customer's token. Both
 * requests are warmed up first until the JIT compiler is done with them (a minute of both on
 * this kind of machine: measured sooner, the figures are the compiler's), and each phase also
 * reports order-service's CPU time per request, which depends less on what else the machine
 * does than a rate.
 */
final class ReadBenchmark {

    private static final Pattern ID = Pattern.compile("\"id\":\"([0-9a-f-]{36})\"");
    private static final int ORDERS = 200;
    private static final int SEQUENTIAL = 5000;
    private static final int CONNECTIONS = 4;
    private static final Duration CONCURRENT_FOR = Duration.ofSeconds(10);

    private ReadBenchmark() {}

    static void run(Path projectRoot, Duration warmUp) throws Exception {
        try (var stack = BenchmarkStack.fresh(projectRoot)) {
            var orderUrl = stack.url(Service.ORDER);
            var customers = new Customers(stack.issuer(), "reader").prepare(ORDERS);
            var ids = placeOrders(orderUrl, customers);

            var client =
                    HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
            // Warm up both requests, then measure.
            for (var until = System.nanoTime() + warmUp.toNanos(); System.nanoTime() < until; ) {
                readSequentially(client, orderUrl, customers, ids, ids.size());
                readConcurrently(orderUrl, customers, Duration.ofSeconds(5));
            }
            var sequentialCpu = CpuUse.read(stack);
            var sequentialStarted = System.nanoTime();
            var sequential = readSequentially(client, orderUrl, customers, ids, SEQUENTIAL);
            var sequentialTook = Duration.ofNanos(System.nanoTime() - sequentialStarted);
            var sequentialCpuMillis = orderServiceMillis(CpuUse.read(stack).since(sequentialCpu)) / SEQUENTIAL;
            var concurrentCpu = CpuUse.read(stack);
            var concurrent = readConcurrently(orderUrl, customers, CONCURRENT_FOR);
            var concurrentCpuMillis = orderServiceMillis(CpuUse.read(stack).since(concurrentCpu)) / concurrent.size();
            var rss = BenchmarkStack.residentKilobytes(stack.pid(Service.ORDER)) / 1024;

            System.out.printf(
                    "%n### Read path of order-service (%s), %s%n%n", LocalDate.now(), BenchmarkStack.machine());
            System.out.printf("Warmed up for %d s.%n%n", warmUp.toSeconds());
            System.out.println("| figure | value | order-service CPU per request |");
            System.out.println("|---|---|---|");
            System.out.printf(
                    "| %d sequential `GET /orders/{id}` (one connection) | %.2f s; p50 %.2f ms, p99 %.2f ms | %.2f ms |%n",
                    SEQUENTIAL,
                    sequentialTook.toNanos() / 1e9,
                    BenchmarkStack.percentile(sequential, 50),
                    BenchmarkStack.percentile(sequential, 99),
                    sequentialCpuMillis);
            System.out.printf(
                    "| `GET /orders?limit=20` (a customer's %d), %d connections for %d s | %.0f requests/s; p50 %.2f ms, p99 %.2f ms | %.2f ms |%n",
                    Customers.ORDERS_EACH,
                    CONNECTIONS,
                    CONCURRENT_FOR.toSeconds(),
                    concurrent.size() / (double) CONCURRENT_FOR.toSeconds(),
                    BenchmarkStack.percentile(concurrent, 50),
                    BenchmarkStack.percentile(concurrent, 99),
                    concurrentCpuMillis);
            System.out.printf("| order-service RSS after the reads | %d MB | |%n", rss);
        }
    }

    private static double orderServiceMillis(CpuUse used) {
        return used.byProcess().get(Service.ORDER.directoryName()) * 1000;
    }

    /** The orders placed, in order: order i is its customer's, customers.authorization(i). */
    private static List<String> placeOrders(String orderUrl, Customers customers) throws Exception {
        var client = HttpClient.newHttpClient();
        var ids = new ArrayList<String>();
        for (int i = 0; i < ORDERS; i++) {
            var response = client.send(
                    HttpRequest.newBuilder(URI.create(orderUrl + "/orders"))
                            .header("Content-Type", "application/json")
                            .header("Authorization", customers.authorization(i))
                            .POST(HttpRequest.BodyPublishers.ofString("""
                                    {"lines":[{"sku":"USB-C-CABLE","quantity":1}],
                                     "shippingAddress":{"recipient":"Read Er","line1":"1 Loop Road","city":"London","postalCode":"N1","country":"GB"}}"""))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            var id = ID.matcher(response.body());
            if (response.statusCode() != 202 || !id.find()) {
                throw new IllegalStateException("placing failed: " + response.statusCode() + " " + response.body());
            }
            ids.add(id.group(1));
        }
        return ids;
    }

    private static List<Double> readSequentially(
            HttpClient client, String orderUrl, Customers customers, List<String> ids, int reads) throws Exception {
        var millis = new ArrayList<Double>();
        for (int i = 0; i < reads; i++) {
            var order = i % ids.size();
            var request = HttpRequest.newBuilder(URI.create(orderUrl + "/orders/" + ids.get(order)))
                    .header("Authorization", customers.authorization(order))
                    .build();
            var started = System.nanoTime();
            var status =
                    client.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
            millis.add((System.nanoTime() - started) / 1e6);
            if (status != 200) {
                throw new IllegalStateException("GET /orders/{id} answered " + status);
            }
        }
        Collections.sort(millis);
        return millis;
    }

    /** The latencies of every request completed by the connections in that time. */
    private static List<Double> readConcurrently(String orderUrl, Customers customers, Duration duration)
            throws Exception {
        var millis = new ConcurrentLinkedQueue<Double>();
        var requests = new ArrayList<HttpRequest>();
        for (int order = 0; order < ORDERS; order += Customers.ORDERS_EACH) {
            requests.add(HttpRequest.newBuilder(URI.create(orderUrl + "/orders?limit=20"))
                    .header("Authorization", customers.authorization(order))
                    .build());
        }
        var until = System.nanoTime() + duration.toNanos();
        var done = new ArrayList<java.util.concurrent.Future<?>>();
        try (var connections = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int c = 0; c < CONNECTIONS; c++) {
                done.add(connections.submit(() -> {
                    // One client each: HTTP/1.1 keeps one connection per client busy with one request.
                    var client = HttpClient.newBuilder()
                            .version(HttpClient.Version.HTTP_1_1)
                            .build();
                    for (int i = 0; System.nanoTime() < until; i++) {
                        var request = requests.get(i % requests.size());
                        var started = System.nanoTime();
                        var status = client.send(request, HttpResponse.BodyHandlers.discarding())
                                .statusCode();
                        if (status != 200) {
                            throw new IllegalStateException("GET /orders answered " + status);
                        }
                        millis.add((System.nanoTime() - started) / 1e6);
                    }
                    return null;
                }));
            }
        }
        for (var connection : done) {
            connection.get(); // a refused read fails the run
        }
        var sorted = new ArrayList<>(millis);
        Collections.sort(sorted);
        return sorted;
    }
}
