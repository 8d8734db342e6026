package dev.fulfilment.benchmarks;

import dev.fulfilment.benchmarks.measure.CpuProfile;
import dev.fulfilment.benchmarks.measure.CpuUse;
import dev.fulfilment.devstack.DevStack;
import dev.fulfilment.devstack.Service;
import dev.fulfilment.devstack.process.CommandResult;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;

/**
 * The reads a shop's pages make most, as a fixed number of keep-alive clients make them (as
 * {@code wrk -c4} does): customers' latest order ({@code GET /orders?limit=1}) and one order
 * ({@code GET /orders/{id}}), each signed with its own customer's token, many customers in turn,
 * and the public catalogue page ({@code GET /inventory?limit=100}); also one order read by one
 * client, one request after the other. For each it prints requests/s, p50/p99 and the serving
 * service's CPU time per request, which depends less on what else the machine does than a rate.
 *
 * <p>Given another tree with its services packaged (a worktree of an earlier commit), it starts
 * that build's stack beside this one's and measures both in the same run, window after window,
 * alternating which goes first, so that the machine's drift falls on both alike. Then it
 * profiles each read on each build (the JDK Flight Recorder's execution samples, by
 * component).
 */
final class ReadBenchmark {

    private static final Pattern ID = Pattern.compile("\"id\":\"([0-9a-f-]{36})\"");
    /** Customers, one order each: every read goes to a customer other than the one before. */
    private static final int CUSTOMERS = 200;
    /** wrk -c4, as the comparison with the peer ran. */
    private static final int CONNECTIONS = 4;
    /** The reads are warmed up in windows this long, in turn, until the warm-up is over. */
    private static final Duration WARM_UP_WINDOW = Duration.ofSeconds(5);

    /** What is read, by whom, and over how many connections. */
    enum Read {
        LATEST_ORDER("`GET /orders?limit=1`, customers' tokens", Service.ORDER, CONNECTIONS),
        ONE_ORDER("`GET /orders/{id}`, customers' tokens", Service.ORDER, CONNECTIONS),
        ONE_ORDER_ONE_CLIENT("`GET /orders/{id}`, one client, one request after the other", Service.ORDER, 1),
        CATALOGUE("`GET /inventory?limit=100` (the catalogue page), no token", Service.INVENTORY, CONNECTIONS);

        final String description;
        final Service service;
        final int connections;

        Read(String description, Service service, int connections) {
            this.description = description;
            this.service = service;
            this.connections = connections;
        }
    }

    /**
     * @param warmUp how long each build's reads are warmed up before any is measured
     * @param window how long each measured window lasts
     * @param rounds how many windows of each read each build gets
     * @param against another tree whose packaged build is measured in the same run, or empty
     */
    record Settings(Duration warmUp, Duration window, int rounds, Optional<Path> against) {

        static Settings parse(String[] args) {
            return new Settings(
                    Duration.ofSeconds(args.length > 2 ? Integer.parseInt(args[2]) : 60),
                    Duration.ofSeconds(args.length > 3 ? Integer.parseInt(args[3]) : 10),
                    args.length > 4 ? Integer.parseInt(args[4]) : 3,
                    args.length > 5
                            ? Optional.of(Path.of(args[5]).toAbsolutePath().normalize())
                            : Optional.empty());
        }
    }

    /** One build's stack, ready to be read: each read's requests, one per customer. */
    private record Build(String name, Path tree, DevStack stack, Map<Read, List<HttpRequest>> requests) {}

    /**
     * One measured window.
     *
     * @param millis every request's time, sorted
     */
    private record Window(int requests, double seconds, double cpuSeconds, List<Double> millis) {}

    private ReadBenchmark() {}

    static void run(Path projectRoot, Settings settings) throws Exception {
        var trees = new ArrayList<Path>();
        trees.add(projectRoot);
        settings.against().ifPresent(trees::add);
        var builds = new ArrayList<Build>();
        try {
            for (var tree : trees) {
                builds.add(prepare(
                        tree, builds.isEmpty() ? null : builds.getFirst().name()));
            }
            for (var build : builds) {
                for (var until = System.nanoTime() + settings.warmUp().toNanos(); System.nanoTime() < until; ) {
                    for (var read : Read.values()) {
                        measure(
                                build,
                                read,
                                WARM_UP_WINDOW.compareTo(settings.window()) < 0 ? WARM_UP_WINDOW : settings.window());
                    }
                }
            }
            var windows = new EnumMap<Read, Map<String, List<Window>>>(Read.class);
            for (int round = 0; round < settings.rounds(); round++) {
                for (var read : Read.values()) {
                    var inTurn = new ArrayList<>(builds);
                    if (round % 2 == 1) {
                        Collections.reverse(inTurn);
                    }
                    for (var build : inTurn) {
                        windows.computeIfAbsent(read, r -> new LinkedHashMap<>())
                                .computeIfAbsent(build.name(), name -> new ArrayList<>())
                                .add(measure(build, read, settings.window()));
                    }
                }
            }
            var profiles = new EnumMap<Read, Map<String, CpuProfile.Shares>>(Read.class);
            for (var read : List.of(Read.LATEST_ORDER, Read.ONE_ORDER, Read.CATALOGUE)) {
                for (var build : builds) {
                    var profile = CpuProfile.start(
                            build.stack().pid(read.service),
                            BenchmarkStack.directory(build.tree()).resolve("read-" + read.name() + ".jfr"));
                    measure(build, read, settings.window());
                    profiles.computeIfAbsent(read, r -> new LinkedHashMap<>()).put(build.name(), profile.stop());
                }
            }
            print(settings, builds, windows, profiles);
        } finally {
            for (var build : builds) {
                build.stack().close();
            }
        }
    }

    /** A fresh stack of the tree's packaged services, with an order of each customer's. */
    private static Build prepare(Path tree, String otherName) throws Exception {
        var name = buildName(tree);
        if (name.equals(otherName)) {
            name = name + " (" + tree + ")";
        }
        var stack = BenchmarkStack.fresh(tree);
        try {
            LoadBenchmark.stockProducts(stack, 2L * CUSTOMERS);
            var customers = new Customers(stack.issuer(), "reader").prepare(CUSTOMERS * Customers.ORDERS_EACH);
            var orderUrl = stack.url(Service.ORDER);
            var ids = placeOrders(orderUrl, customers);
            var requests = new EnumMap<Read, List<HttpRequest>>(Read.class);
            var latest = new ArrayList<HttpRequest>();
            var one = new ArrayList<HttpRequest>();
            for (int customer = 0; customer < CUSTOMERS; customer++) {
                var authorization = customers.authorization(customer * Customers.ORDERS_EACH);
                latest.add(HttpRequest.newBuilder(URI.create(orderUrl + "/orders?limit=1"))
                        .header("Authorization", authorization)
                        .build());
                one.add(HttpRequest.newBuilder(URI.create(orderUrl + "/orders/" + ids.get(customer)))
                        .header("Authorization", authorization)
                        .build());
            }
            requests.put(Read.LATEST_ORDER, latest);
            requests.put(Read.ONE_ORDER, one);
            requests.put(Read.ONE_ORDER_ONE_CLIENT, one);
            requests.put(
                    Read.CATALOGUE,
                    List.of(HttpRequest.newBuilder(URI.create(stack.url(Service.INVENTORY) + "/inventory?limit=100"))
                            .build()));
            return new Build(name, tree, stack, requests);
        } catch (Exception | Error e) {
            stack.close();
            throw e;
        }
    }

    /** The tree's commit, and whether its files differ from it. */
    private static String buildName(Path tree) throws IOException {
        var commit = CommandResult.run(tree, Duration.ofSeconds(10), List.of("git", "rev-parse", "--short", "HEAD"));
        var changed = CommandResult.run(tree, Duration.ofSeconds(10), List.of("git", "status", "--porcelain"));
        if (!commit.succeeded()) {
            return tree.toString();
        }
        return commit.output().trim() + (changed.output().isBlank() ? "" : " + changes");
    }

    /** One order of each customer's, by four clients at once; their ids in the customers' order. */
    private static List<String> placeOrders(String orderUrl, Customers customers) throws Exception {
        var client = HttpClient.newHttpClient();
        var placing = new ArrayList<Future<String>>();
        try (var clients = Executors.newFixedThreadPool(CONNECTIONS)) {
            for (int customer = 0; customer < CUSTOMERS; customer++) {
                var authorization = customers.authorization(customer * Customers.ORDERS_EACH);
                placing.add(clients.submit(() -> {
                    var response = client.send(
                            HttpRequest.newBuilder(URI.create(orderUrl + "/orders"))
                                    .header("Content-Type", "application/json")
                                    .header("Authorization", authorization)
                                    .POST(HttpRequest.BodyPublishers.ofString("""
                                            {"lines":[{"sku":"%s","quantity":1}],
                                             "shippingAddress":{"recipient":"Read Er","line1":"1 Loop Road","city":"London","postalCode":"N1","country":"GB"}}""".formatted(LoadBenchmark.HOT_SKU)))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString());
                    var id = ID.matcher(response.body());
                    if (response.statusCode() != 202 || !id.find()) {
                        throw new IllegalStateException(
                                "placing failed: " + response.statusCode() + " " + response.body());
                    }
                    return id.group(1);
                }));
            }
        }
        var ids = new ArrayList<String>();
        for (var order : placing) {
            ids.add(order.get());
        }
        return ids;
    }

    /**
     * The read's connections, each a client of its own sending its next request once the last
     * is answered, for that long; every answer must be 200.
     */
    private static Window measure(Build build, Read read, Duration duration) throws Exception {
        var requests = build.requests().get(read);
        var pid = build.stack().pid(read.service);
        var millis = new ConcurrentLinkedQueue<Double>();
        var cpuBefore = CpuUse.ofProcess(pid);
        var started = System.nanoTime();
        var until = started + duration.toNanos();
        var ended = new AtomicLong();
        var connections = new ArrayList<Future<?>>();
        try (var clients = Executors.newFixedThreadPool(read.connections)) {
            for (int c = 0; c < read.connections; c++) {
                var first = c * requests.size() / read.connections;
                connections.add(clients.submit(() -> {
                    // One client each: HTTP/1.1 keeps one connection per client busy with one request.
                    try (var client = HttpClient.newBuilder()
                            .version(HttpClient.Version.HTTP_1_1)
                            .build()) {
                        for (int i = first; System.nanoTime() < until; i++) {
                            var request = requests.get(i % requests.size());
                            var sent = System.nanoTime();
                            var status = client.send(request, HttpResponse.BodyHandlers.discarding())
                                    .statusCode();
                            var answered = System.nanoTime();
                            if (status != 200) {
                                throw new IllegalStateException(
                                        request.method() + " " + request.uri() + " answered " + status);
                            }
                            millis.add((answered - sent) / 1e6);
                            ended.accumulateAndGet(answered, Math::max);
                        }
                    }
                    return null;
                }));
            }
        }
        for (var connection : connections) {
            connection.get(); // a refused read fails the run
        }
        var cpu = CpuUse.ofProcess(pid) - cpuBefore;
        var sorted = new ArrayList<>(millis);
        Collections.sort(sorted);
        return new Window(sorted.size(), (ended.get() - started) / 1e9, cpu, sorted);
    }

    private static void print(
            Settings settings,
            List<Build> builds,
            Map<Read, Map<String, List<Window>>> windows,
            Map<Read, Map<String, CpuProfile.Shares>> profiles)
            throws IOException {
        System.out.printf("%n### Reads, %s, %s%n%n", LocalDate.now(), BenchmarkStack.machine());
        System.out.printf(
                "%d customers with an order each; each build warmed up for %d s, then %d windows of %d s per read"
                        + " and build, alternating builds; CPU is the serving service's own (/proc).%n%n",
                CUSTOMERS,
                settings.warmUp().toSeconds(),
                settings.rounds(),
                settings.window().toSeconds());
        System.out.println(
                "| read | build | requests/s | p50 | p99 | CPU per request | requests per CPU-second (each window) |");
        System.out.println("|---|---|---|---|---|---|---|");
        for (var read : Read.values()) {
            for (var build : builds) {
                var measured = windows.get(read).get(build.name());
                var requests = measured.stream().mapToInt(Window::requests).sum();
                var seconds = measured.stream().mapToDouble(Window::seconds).sum();
                var cpu = measured.stream().mapToDouble(Window::cpuSeconds).sum();
                var millis = new ArrayList<Double>();
                measured.forEach(window -> millis.addAll(window.millis()));
                Collections.sort(millis);
                var each = measured.stream()
                        .map(window -> "%.0f".formatted(window.requests() / Math.max(1e-9, window.cpuSeconds())))
                        .toList();
                System.out.printf(
                        "| %s | %s | %.0f | %.2f ms | %.2f ms | %.3f ms | %.0f (%s) |%n",
                        read.description,
                        build.name(),
                        requests / seconds,
                        BenchmarkStack.percentile(millis, 50),
                        BenchmarkStack.percentile(millis, 99),
                        cpu * 1000 / requests,
                        requests / Math.max(1e-9, cpu),
                        String.join(", ", each));
            }
        }
        if (builds.size() == 2) {
            System.out.printf(
                    "%n%s against %s:%n%n", builds.get(0).name(), builds.get(1).name());
            System.out.println("| read | requests per CPU-second | requests/s | p99 |");
            System.out.println("|---|---|---|---|");
            for (var read : Read.values()) {
                var ours = totals(windows.get(read).get(builds.get(0).name()));
                var theirs = totals(windows.get(read).get(builds.get(1).name()));
                System.out.printf(
                        "| %s | %.2fx | %.2fx | %.2fx |%n",
                        read.description, ours[0] / theirs[0], ours[1] / theirs[1], ours[2] / theirs[2]);
            }
        }
        System.out.printf(
                "%nWhere the serving service's CPU went (JFR execution samples, one %d s window each):%n%n",
                settings.window().toSeconds());
        for (var read : profiles.keySet()) {
            System.out.printf("%s:%n%n| component |", read.description);
            builds.forEach(build -> System.out.printf(" %s |", build.name()));
            System.out.printf("%n|---|%s%n", "---|".repeat(builds.size()));
            var byBuild = profiles.get(read);
            var components = new LinkedHashSet<String>();
            byBuild.values()
                    .forEach(shares -> components.addAll(shares.byComponent().keySet()));
            for (var component : components) {
                System.out.printf("| %s |", component);
                for (var build : builds) {
                    System.out.printf(
                            " %.1f %% |",
                            100 * byBuild.get(build.name()).byComponent().getOrDefault(component, 0.0));
                }
                System.out.println();
            }
            System.out.printf("| samples |");
            builds.forEach(build ->
                    System.out.printf(" %d |", byBuild.get(build.name()).samples()));
            System.out.printf("%n%n");
        }
        for (var build : builds) {
            System.out.printf(
                    "%s: order-service RSS after the reads %d MB, inventory-service %d MB.%n",
                    build.name(),
                    BenchmarkStack.residentKilobytes(build.stack().pid(Service.ORDER)) / 1024,
                    BenchmarkStack.residentKilobytes(build.stack().pid(Service.INVENTORY)) / 1024);
        }
    }

    /** Requests per CPU-second, requests per second and p99 of the windows together. */
    private static double[] totals(List<Window> measured) {
        var requests = measured.stream().mapToInt(Window::requests).sum();
        var millis = new ArrayList<Double>();
        measured.forEach(window -> millis.addAll(window.millis()));
        Collections.sort(millis);
        return new double[] {
            requests
                    / Math.max(
                            1e-9,
                            measured.stream().mapToDouble(Window::cpuSeconds).sum()),
            requests / measured.stream().mapToDouble(Window::seconds).sum(),
            BenchmarkStack.percentile(millis, 99)
        };
    }
}
