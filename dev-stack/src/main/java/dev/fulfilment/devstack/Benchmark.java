package dev.fulfilment.devstack;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Measures what docs/benchmarks.md reports, on the stack dev-stack runs: each service's time
 * from process start to its first ready answer (started alone, median of several), its
 * resident memory after start and after load, and the placed-to-CONFIRMED latency of
 * sequential orders. Run with {@code ./dev-stack/benchmark}; prints a Markdown section.
 */
public final class Benchmark {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    /** Longer than any idle order takes, so that the next is placed on a stack at rest. */
    private static final Duration IDLE_GAP = Duration.ofMillis(250);

    private static final Pattern STATUS = Pattern.compile("\"status\":\"([A-Z_]+)\"");
    private static final Pattern ID = Pattern.compile("\"id\":\"([0-9a-f-]{36})\"");
    private static final Pattern TIMELINE_AT =
            Pattern.compile("\\{\"status\":\"([A-Z_]+)\",\"reason\":\"[^\"]*\",\"at\":\"([^\"]+)\"}");

    private Benchmark() {}

    public static void main(String[] args) throws Exception {
        var projectRoot =
                Path.of(args.length > 0 ? args[0] : ".").toAbsolutePath().normalize();
        if (args.length > 1 && args[1].equals("read")) {
            ReadBenchmark.run(projectRoot, Duration.ofSeconds(args.length > 2 ? Integer.parseInt(args[2]) : 60));
            return;
        }
        if (args.length > 1 && args[1].equals("idle")) {
            idle(
                    projectRoot,
                    args.length > 2 ? Integer.parseInt(args[2]) : 100,
                    args.length > 3 ? Integer.parseInt(args[3]) : 3000);
            return;
        }
        if (args.length > 1 && (args[1].equals("closed") || args[1].equals("open"))) {
            if (args.length != 4) {
                System.err.println(
                        "Usage: ./dev-stack/benchmark [ORDERS [RESTARTS]]  one order at a time, start, memory\n"
                                + "       ./dev-stack/benchmark closed CLIENTS ORDERS  load: each client orders again once answered\n"
                                + "       ./dev-stack/benchmark open RATE SECONDS      load: RATE orders a second for SECONDS\n"
                                + "       ./dev-stack/benchmark read [WARM-UP SECONDS] order-service's GETs, sequential and concurrent\n"
                                + "       ./dev-stack/benchmark idle [ORDERS [WARM-UP ORDERS]] one order at a time on a warm, idle stack");
                System.exit(2);
            }
            var first = Integer.parseInt(args[2]);
            var second = Integer.parseInt(args[3]);
            LoadBenchmark.run(
                    projectRoot,
                    args[1].equals("closed")
                            ? new LoadBenchmark.Load.Closed(first, second)
                            : new LoadBenchmark.Load.Open(first, second));
            return;
        }
        var orders = args.length > 1 ? Integer.parseInt(args[1]) : 300;
        var restarts = args.length > 2 ? Integer.parseInt(args[2]) : 5;
        try (var stack = freshStack(projectRoot)) {
            var startups = new EnumMap<Service, List<Duration>>(Service.class);
            var rssAfterStart = new EnumMap<Service, Long>(Service.class);
            for (var service : Service.values()) {
                var times = new ArrayList<Duration>();
                for (int i = 0; i < restarts; i++) {
                    times.add(stack.restart(service));
                }
                startups.put(service, times);
                Thread.sleep(1000);
                rssAfterStart.put(service, residentKilobytes(stack.pid(service)));
            }
            var order = stack.url(Service.ORDER);
            var customer = "Bearer " + stack.issuer().token(LocalIssuer.Caller.CUSTOMER, "benchmark");
            var warmUp = Math.max(20, orders / 5);
            for (int i = 0; i < warmUp; i++) {
                placeAndAwaitConfirmed(order, customer);
            }
            var clientMillis = new ArrayList<Double>();
            var serverMillis = new ArrayList<Double>();
            var sagaBefore = SagaHistogram.read(HTTP, stack.managementUrl(Service.ORDER));
            var started = Instant.now();
            for (int i = 0; i < orders; i++) {
                var result = placeAndAwaitConfirmed(order, customer);
                clientMillis.add(result[0]);
                serverMillis.add(result[1]);
            }
            var elapsed = Duration.between(started, Instant.now());
            var sagaAfter = SagaHistogram.read(HTTP, stack.managementUrl(Service.ORDER));
            var rssAfterLoad = new EnumMap<Service, Long>(Service.class);
            for (var service : Service.values()) {
                rssAfterLoad.put(service, residentKilobytes(stack.pid(service)));
            }
            print(startups, rssAfterStart, rssAfterLoad, clientMillis, serverMillis, orders, warmUp, elapsed);
            printSagaStages(sagaBefore, sagaAfter);
        }
    }

    /** The whole stack on free ports with fresh, throw-away data, as every benchmark run measures it. */
    static DevStack freshStack(Path projectRoot) {
        return DevStack.start(new DevStack.Settings(
                projectRoot,
                benchmarkDirectory(projectRoot),
                LocalServers.Ports.free(),
                Map.of(Service.ORDER, 0, Service.INVENTORY, 0, Service.SHIPPING, 0),
                true,
                false,
                false));
    }

    static Path benchmarkDirectory(Path projectRoot) {
        return projectRoot.resolve("dev-stack/target/benchmark");
    }

    /** @return client-observed and server-recorded (timeline) milliseconds from placed to CONFIRMED */
    private static double[] placeAndAwaitConfirmed(String orderUrl, String authorization)
            throws IOException, InterruptedException {
        var placedAt = System.nanoTime();
        var id = place(orderUrl, authorization, "USB-C-CABLE");
        var confirmed = awaitConfirmed(orderUrl, id, authorization, Duration.ofMillis(1));
        var clientMillis = (System.nanoTime() - placedAt) / 1e6;
        var timeline = timeline(confirmed);
        return new double[] {
            clientMillis, Duration.between(timeline.start(), timeline.end()).toNanos() / 1e6
        };
    }

    /** @return the placed order's id */
    private static String place(String orderUrl, String authorization, String sku)
            throws IOException, InterruptedException {
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
        if (placed.statusCode() != 202) {
            throw new IllegalStateException("placing failed: " + placed.statusCode() + " " + placed.body());
        }
        var matcher = ID.matcher(placed.body());
        matcher.find();
        return matcher.group(1);
    }

    /** @return the order once CONFIRMED, read every pollEvery */
    private static String awaitConfirmed(String orderUrl, String id, String authorization, Duration pollEvery)
            throws IOException, InterruptedException {
        var get = HttpRequest.newBuilder(URI.create(orderUrl + "/orders/" + id))
                .header("Authorization", authorization)
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
    private static ServerWaits.Window timeline(String order) {
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

    /** A fresh stack warmed up under load, then {@link #idleOrders}. */
    private static void idle(Path projectRoot, int orders, int warmUpOrders) throws Exception {
        try (var stack = freshStack(projectRoot)) {
            var customer = "Bearer " + stack.issuer().token(LocalIssuer.Caller.CUSTOMER, "benchmark");
            LoadBenchmark.stockProducts(stack, 2L * warmUpOrders + orders + 1000);
            LoadBenchmark.warmUp(stack, customer, warmUpOrders);
            System.out.printf("%n## %s, %s%n", LocalDate.now(), machine());
            System.out.printf(
                    "%nAfter %d orders from %d clients to warm up:%n", warmUpOrders, LoadBenchmark.WARM_UP_CLIENTS);
            idleOrders(stack, customer, orders, benchmarkDirectory(projectRoot));
        }
    }

    /**
     * Orders placed one at a time with the stack otherwise idle (each read {@link #IDLE_GAP} after it
     * was placed, and then every 20 ms until CONFIRMED: nothing polls while it runs unless it takes
     * that long), while the JDK Flight Recorder
     * records the services' socket calls; prints how much of each order's time some service was
     * waiting on PostgreSQL, SQS or DynamoDB, and how much on none of them.
     */
    private static void idleOrders(DevStack stack, String customer, int count, Path directory)
            throws IOException, InterruptedException {
        var servers = stack.servers();
        var serverByPort = Map.of(
                servers.postgres().orElseThrow().port(), LocalServers.Server.POSTGRES,
                URI.create(servers.sqs().orElseThrow().endpoint()).getPort(), LocalServers.Server.SQS,
                URI.create(servers.dynamoDb().orElseThrow().endpoint()).getPort(), LocalServers.Server.DYNAMODB);
        var recordings = new EnumMap<Service, SocketRecording>(Service.class);
        for (var service : Service.values()) {
            recordings.put(
                    service,
                    SocketRecording.start(
                            stack.pid(service), directory.resolve(service.directoryName() + "-sockets.jfr")));
        }
        var order = stack.url(Service.ORDER);
        var windows = new ArrayList<ServerWaits.Window>();
        for (int i = 0; i < count; i++) {
            var id = place(order, customer, LoadBenchmark.HOT_SKU);
            Thread.sleep(IDLE_GAP);
            windows.add(timeline(awaitConfirmed(order, id, customer, Duration.ofMillis(20))));
        }
        var waits = new ArrayList<ServerWaits.Wait>();
        recordings.values().forEach(recording -> waits.addAll(recording.stop(serverByPort)));
        var millis = windows.stream()
                .map(window -> Duration.between(window.start(), window.end()).toNanos() / 1e6)
                .sorted()
                .toList();
        var mean = millis.stream().mapToDouble(Double::doubleValue).average().orElseThrow();
        System.out.printf(
                "%nOne order at a time, idle: %d orders, each read %d ms after it was placed and then every"
                        + " 20 ms until CONFIRMED (%d took that long); placed-to-CONFIRMED (the order's timeline)"
                        + " p50 %.1f ms, p90 %.1f ms, mean %.1f ms. Of each order's time, some service was waiting"
                        + " on (JFR socket events in the services; union over services, SqsConsumer's pollers"
                        + " left out):%n%n",
                count,
                IDLE_GAP.toMillis(),
                millis.stream().filter(ms -> ms >= IDLE_GAP.toMillis()).count(),
                percentile(millis, 50),
                percentile(millis, 90),
                mean);
        System.out.println("| waiting on | round trips per order | ms per order | share |");
        System.out.println("|---|---|---|---|");
        var shares = ServerWaits.perOrder(waits, windows);
        shares.byServer().forEach((server, share) -> printShare(serverName(server), share, mean));
        printShare("any of them", shares.anyServer(), mean);
        var anyServer = shares.anyServer().time().toNanos() / 1e6;
        System.out.printf(
                "| none of them: the services' own code, hand-offs between threads, SQS delivering to a"
                        + " waiting long poll | | %.1f ms | %.0f %% |%n",
                mean - anyServer, 100 * (mean - anyServer) / mean);
    }

    private static void printShare(String waitedOn, ServerWaits.Share share, double meanMillis) {
        var ms = share.time().toNanos() / 1e6;
        System.out.printf(
                "| %s | %.1f | %.1f ms | %.0f %% |%n", waitedOn, share.roundTrips(), ms, 100 * ms / meanMillis);
    }

    private static String serverName(LocalServers.Server server) {
        return switch (server) {
            case POSTGRES -> "PostgreSQL";
            case SQS -> "SQS (ElasticMQ): sends";
            case DYNAMODB -> "DynamoDB (the emulator)";
        };
    }

    static long residentKilobytes(long pid) throws IOException {
        for (var line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", ""));
            }
        }
        return -1;
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
        System.out.printf("%n## %s, %s%n%n", LocalDate.now(), machine());
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
                label, percentile(sorted, 50), percentile(sorted, 90), percentile(sorted, 99), sorted.getLast());
    }

    static double percentile(List<Double> sorted, int percent) {
        var index = (int) Math.ceil(percent / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(index, sorted.size() - 1)));
    }

    static String machine() {
        var cores = Runtime.getRuntime().availableProcessors();
        long memoryKb = 0;
        String cpu = "unknown CPU";
        try {
            for (var line : Files.readAllLines(Path.of("/proc/meminfo"))) {
                if (line.startsWith("MemTotal:")) {
                    memoryKb = Long.parseLong(line.replaceAll("[^0-9]", ""));
                }
            }
            cpu = Files.readAllLines(Path.of("/proc/cpuinfo")).stream()
                    .filter(line -> line.startsWith("model name"))
                    .findFirst()
                    .map(line -> line.substring(line.indexOf(':') + 1).trim())
                    .orElse(cpu);
        } catch (IOException e) {
            // leave what is unknown
        }
        return "%d cores (%s), %d GiB, JDK %s"
                .formatted(cores, cpu, Math.round(memoryKb / 1024.0 / 1024.0), System.getProperty("java.version"));
    }
}
