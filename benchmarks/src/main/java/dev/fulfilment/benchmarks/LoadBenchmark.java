package dev.fulfilment.benchmarks;

import dev.fulfilment.benchmarks.measure.AwsRequests;
import dev.fulfilment.benchmarks.measure.CpuUse;
import dev.fulfilment.benchmarks.measure.SagaHistogram;
import dev.fulfilment.devstack.DevStack;
import dev.fulfilment.devstack.Service;
import dev.fulfilment.devstack.identity.LocalIssuer;
import dev.fulfilment.devstack.process.CommandResult;
import dev.fulfilment.ops.DeadLetters;
import dev.fulfilment.testkit.MetricSamples;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;

/**
 * Orders under load on the local stack, the hot-product mix: every order has two lines, one
 * of a single hot sku (half of all lines) and one of eight others, all with ample stock.
 * Closed loop: so many clients, each placing its next order as soon as the last is answered.
 * Open loop: orders at a fixed rate, whatever the answers take. End to end is read from
 * order-service's own metrics (orders reaching an outcome, the saga's stage histograms), not
 * by polling each order. Afterwards it checks that stock adds up and no message is in a
 * dead-letter queue, and measures the PostgreSQL server's ceiling with pgbench -N.
 */
final class LoadBenchmark {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    static final String HOT_SKU = "BENCH-HOT";
    private static final int OTHER_SKUS = 8;
    static final int WARM_UP_CLIENTS = 32;
    private static final Duration OUTCOME_POLL = Duration.ofMillis(250);
    private static final Pattern AVAILABLE = Pattern.compile("\"available\":(\\d+)");
    private static final Pattern RESERVED = Pattern.compile("\"reserved\":(\\d+)");

    /** How the orders are offered. */
    sealed interface Load {

        /** So many clients, each placing its next order once the last is answered. */
        record Closed(int clients, int orders, WarmUp warmUp) implements Load {}

        /** So many orders a second for so long, whatever the answers take. */
        record Open(int perSecond, int seconds, WarmUp warmUp) implements Load {}

        WarmUp warmUp();
    }

    /**
     * How the stack is warmed up before the measured window: by default until the services' JIT
     * compilers take under a tenth of their CPU, or with a fixed number of orders (CI's tiny runs).
     */
    record WarmUp(int orders) {

        static final WarmUp UNTIL_COMPILED = new WarmUp(0);

        static WarmUp parse(String[] args, int index) {
            return args.length > index ? new WarmUp(Integer.parseInt(args[index])) : UNTIL_COMPILED;
        }

        boolean untilCompiled() {
            return orders == 0;
        }
    }

    /** Orders of a warm-up round, and the most rounds before a run goes ahead anyway (it says so). */
    static final int WARM_UP_ROUND = 500;

    static final int MOST_WARM_UP_ROUNDS = 40;
    /** The services' JIT compilers' share of their CPU in a warm-up round under which they are warm. */
    static final double WARM_COMPILER_SHARE = 0.10;

    /** What the warm-up came to: orders, rounds, and the compilers' share of the services' CPU in its last round. */
    record Warmed(int orders, int rounds, double compilerShare) {}

    /** One answer to POST /orders: its status and how long it took. */
    record Answer(int status, double millis) {}

    private LoadBenchmark() {}

    static void run(Path projectRoot, Load load) throws Exception {
        var workDirectory = BenchmarkStack.directory(projectRoot);
        try (var stack = BenchmarkStack.fresh(projectRoot)) {
            var plannedOrders = switch (load) {
                case Load.Closed closed -> closed.orders();
                case Load.Open open -> open.perSecond() * open.seconds();
            };
            // Warm until the JIT compilers settle: a warm-up of a fixed size (once 200 orders, later
            // as many as the run) left them with up to a third of the services' CPU in the window.
            var mostWarmUpOrders = load.warmUp().untilCompiled()
                    ? WARM_UP_ROUND * MOST_WARM_UP_ROUNDS
                    : load.warmUp().orders();
            var stocked = 2L * (plannedOrders + mostWarmUpOrders) + 1000;
            var skus = stockProducts(stack, stocked);
            var customers = new Customers(stack.issuer(), "load").prepare(plannedOrders);
            var orderUrl = stack.url(Service.ORDER);
            var metricsUrl = stack.managementUrl(Service.ORDER);

            var warmed = load.warmUp().untilCompiled()
                    ? warmUntilCompiled(stack)
                    : warmUp(stack, load.warmUp().orders());

            var outcomesBefore = outcomes(metricsUrl);
            var stagesBefore = SagaHistogram.read(HTTP, metricsUrl);
            var remindersBefore = reminders(metricsUrl);
            var cpuBefore = CpuUse.read(stack);
            var awsBefore = AwsRequests.read(HTTP, stack);
            var walBefore = walPosition(stack);
            var commitsBefore = commits(stack);
            var started = System.nanoTime();
            var answers = switch (load) {
                case Load.Closed closed -> closedLoop(orderUrl, customers, closed);
                case Load.Open open -> openLoop(orderUrl, customers, open);
            };
            var offeredFor = Duration.ofNanos(System.nanoTime() - started);
            var accepted = answers.stream().filter(a -> a.status() == 202).count();
            var finished = awaitOutcomes(metricsUrl, outcomesBefore, accepted, Duration.ofMinutes(5));
            var endToEnd = Duration.ofNanos(finished - started);
            var cpu = CpuUse.read(stack).since(cpuBefore);
            var aws = AwsRequests.read(HTTP, stack).since(awsBefore);
            var walBytes = walBytesSince(stack, walBefore);
            var stagesAfter = SagaHistogram.read(HTTP, metricsUrl);
            var reminded = reminders(metricsUrl) - remindersBefore;

            var conserved = stockAddsUp(stack, skus, stocked);
            int deadLetters;
            try (var letters = new DeadLetters(
                    DeadLetters.localClient(stack.servers().sqs().orElseThrow().endpoint()), "")) {
                deadLetters = letters.list().size();
            }
            var pgbench = pgbench(stack, workDirectory);
            // Read after pgbench, which takes long enough for every backend to have reported its commits.
            var commitsAfter = commits(stack);
            var transactionsPerOrder = (commitsAfter - commitsBefore) / (double) Math.max(1, accepted);
            var perOrder = new AwsCost.PerOrder(
                    aws.total("Sqs") / Math.max(1, accepted),
                    aws.readUnits() / Math.max(1, accepted),
                    aws.writeUnits() / Math.max(1, accepted),
                    transactionsPerOrder,
                    walBytes / (double) Math.max(1, accepted),
                    cpu.byProcess().get("PostgreSQL") / Math.max(1, accepted),
                    cpu.services() / Math.max(1, accepted));

            print(
                    load,
                    warmed,
                    answers,
                    accepted,
                    offeredFor,
                    endToEnd,
                    stagesBefore,
                    stagesAfter,
                    reminded,
                    cpu,
                    conserved,
                    deadLetters,
                    transactionsPerOrder,
                    pgbench,
                    aws,
                    perOrder);
            if (!conserved.equals("yes") || deadLetters > 0) {
                throw new IllegalStateException("the run lost or doubled something: stock " + conserved + ", "
                        + deadLetters + " dead letter(s)");
            }
        }
    }

    /**
     * Places so many orders from {@link #WARM_UP_CLIENTS} clients and waits for every outcome, so
     * that what is measured next runs compiled code. The products must be stocked for them.
     */
    static Warmed warmUp(DevStack stack, int orders) throws IOException, InterruptedException {
        var before = CpuUse.read(stack);
        warmUpRound(stack, orders, "warm-up");
        var used = CpuUse.read(stack).since(before);
        return new Warmed(orders, 1, used.servicesCompiling() / Math.max(1e-9, used.services()));
    }

    /**
     * Rounds of {@link #WARM_UP_ROUND} orders until the services' JIT compilers took less than
     * {@link #WARM_COMPILER_SHARE} of the services' CPU in the last round, at most {@link
     * #MOST_WARM_UP_ROUNDS} rounds. The products must be stocked for them all.
     */
    static Warmed warmUntilCompiled(DevStack stack) throws IOException, InterruptedException {
        var share = 1.0;
        int round = 0;
        while (round < MOST_WARM_UP_ROUNDS && share >= WARM_COMPILER_SHARE) {
            round++;
            var before = CpuUse.read(stack);
            warmUpRound(stack, WARM_UP_ROUND, "warm-up-" + round);
            var used = CpuUse.read(stack).since(before);
            share = used.servicesCompiling() / Math.max(1e-9, used.services());
            System.err.printf(
                    "warm-up round %d: the JIT compilers took %.0f %% of the services' CPU%n", round, share * 100);
        }
        return new Warmed(round * WARM_UP_ROUND, round, share);
    }

    private static void warmUpRound(DevStack stack, int orders, String customers)
            throws IOException, InterruptedException {
        var metricsUrl = stack.managementUrl(Service.ORDER);
        var before = outcomes(metricsUrl);
        var accepted = closedLoop(
                        stack.url(Service.ORDER),
                        new Customers(stack.issuer(), customers).prepare(orders),
                        new Load.Closed(WARM_UP_CLIENTS, orders, WarmUp.UNTIL_COMPILED))
                .stream()
                .filter(answer -> answer.status() == 202)
                .count();
        awaitOutcomes(metricsUrl, before, accepted, Duration.ofMinutes(2));
    }

    static List<String> stockProducts(DevStack stack, long available) throws Exception {
        var operator = "Bearer " + stack.issuer().token(LocalIssuer.Caller.OPERATOR, null);
        var skus = new ArrayList<String>();
        skus.add(HOT_SKU);
        for (int i = 1; i <= OTHER_SKUS; i++) {
            skus.add("BENCH-" + i);
        }
        for (var sku : skus) {
            var response = HTTP.send(
                    HttpRequest.newBuilder(URI.create(stack.url(Service.INVENTORY) + "/inventory/" + sku))
                            .header("Content-Type", "application/json")
                            .header("Authorization", operator)
                            .PUT(HttpRequest.BodyPublishers.ofString("{\"name\":\"Benchmark product\",\"unitPrice\":5,"
                                    + "\"available\":" + available + "}"))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 201) {
                throw new IllegalStateException(
                        "cannot stock " + sku + ": " + response.statusCode() + " " + response.body());
            }
        }
        return skus;
    }

    private static String orderBody(int n) {
        return """
                {"lines":[{"sku":"%s","quantity":1},{"sku":"BENCH-%d","quantity":1}],
                 "shippingAddress":{"recipient":"Load Test","line1":"1 Loop Road","city":"London","postalCode":"N1","country":"GB"}}""".formatted(HOT_SKU, n % OTHER_SKUS + 1);
    }

    private static Answer place(String orderUrl, String authorization, int n) {
        var request = HttpRequest.newBuilder(URI.create(orderUrl + "/orders"))
                .header("Content-Type", "application/json")
                .header("Authorization", authorization)
                .header("Idempotency-Key", UUID.randomUUID().toString())
                .POST(HttpRequest.BodyPublishers.ofString(orderBody(n)))
                .build();
        var started = System.nanoTime();
        try {
            var status =
                    HTTP.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
            return new Answer(status, (System.nanoTime() - started) / 1e6);
        } catch (IOException e) {
            return new Answer(-1, (System.nanoTime() - started) / 1e6);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Answer(-1, (System.nanoTime() - started) / 1e6);
        }
    }

    private static List<Answer> closedLoop(String orderUrl, Customers customers, Load.Closed load) {
        var answers = new ConcurrentLinkedQueue<Answer>();
        var next = new AtomicInteger();
        try (var clients = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int c = 0; c < load.clients(); c++) {
                clients.submit(() -> {
                    for (int n = next.getAndIncrement(); n < load.orders(); n = next.getAndIncrement()) {
                        answers.add(place(orderUrl, customers.authorization(n), n));
                    }
                });
            }
        }
        return List.copyOf(answers);
    }

    private static List<Answer> openLoop(String orderUrl, Customers customers, Load.Open load)
            throws InterruptedException {
        var answers = new ConcurrentLinkedQueue<Answer>();
        var interval = 1_000_000_000L / load.perSecond();
        var total = load.perSecond() * load.seconds();
        try (var requests = Executors.newVirtualThreadPerTaskExecutor()) {
            var next = System.nanoTime();
            for (int n = 0; n < total; n++) {
                var number = n;
                var authorization = customers.authorization(number);
                requests.submit(() -> answers.add(place(orderUrl, authorization, number)));
                next += interval;
                var wait = next - System.nanoTime();
                if (wait > 0) {
                    Thread.sleep(Duration.ofNanos(wait));
                }
            }
        }
        return List.copyOf(answers);
    }

    /** Orders of order-service that reached CONFIRMED or REJECTED since it started. */
    private static double outcomes(String metricsUrl) throws IOException, InterruptedException {
        var samples = MetricSamples.parse(MetricSamples.scrape(HTTP, metricsUrl));
        return samples.sum("orders_outcome_total", Map.of("outcome", "confirmed"))
                + samples.sum("orders_outcome_total", Map.of("outcome", "rejected"));
    }

    /** Commands order-service sent again since it started, an order having waited past its deadline. */
    private static double reminders(String metricsUrl) throws IOException, InterruptedException {
        return MetricSamples.parse(MetricSamples.scrape(HTTP, metricsUrl)).sum("saga_reminders_total");
    }

    /**
     * Waits until so many more orders reached an outcome; returns System.nanoTime() then. It
     * asks every 250 ms: a scrape of order-service's metrics costs it CPU (asked every 50 ms, a
     * tenth of its CPU in a run), and the end of a run of tens of seconds is known well enough.
     */
    private static long awaitOutcomes(String metricsUrl, double before, long expected, Duration timeout)
            throws IOException, InterruptedException {
        var deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (outcomes(metricsUrl) - before >= expected) {
                return System.nanoTime();
            }
            Thread.sleep(OUTCOME_POLL);
        }
        throw new IllegalStateException("orders still without an outcome after " + timeout + ": "
                + (expected - (outcomes(metricsUrl) - before)) + " of " + expected);
    }

    /** Whether every product's available plus reserved units are what it was stocked with. */
    private static String stockAddsUp(DevStack stack, List<String> skus, long stocked) throws Exception {
        var problems = new ArrayList<String>();
        for (var sku : skus) {
            var body = HTTP.send(
                            HttpRequest.newBuilder(URI.create(stack.url(Service.INVENTORY) + "/inventory/" + sku))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString())
                    .body();
            var available = AVAILABLE.matcher(body);
            var reserved = RESERVED.matcher(body);
            if (!available.find() || !reserved.find()) {
                problems.add(sku + " unreadable: " + body);
            } else if (Long.parseLong(available.group(1)) + Long.parseLong(reserved.group(1)) != stocked) {
                problems.add(sku + " available " + available.group(1) + " + reserved " + reserved.group(1) + " != "
                        + stocked);
            }
        }
        return problems.isEmpty() ? "yes" : String.join("; ", problems);
    }

    /** Transactions committed so far in the services' databases. */
    private static long commits(DevStack stack) throws java.sql.SQLException {
        var postgres = stack.servers().postgres().orElseThrow();
        try (var connection = java.sql.DriverManager.getConnection(
                        postgres.jdbcUrl("postgres"), postgres.username(), postgres.password());
                var statement = connection.prepareStatement(
                        "SELECT coalesce(sum(xact_commit), 0) FROM pg_stat_database WHERE datname = ANY (?)")) {
            statement.setArray(
                    1,
                    connection.createArrayOf(
                            "text",
                            java.util.Arrays.stream(Service.values())
                                    .map(Service::database)
                                    .filter(java.util.Objects::nonNull)
                                    .toArray()));
            var result = statement.executeQuery();
            result.next();
            return result.getLong(1);
        }
    }

    /** Where PostgreSQL's write-ahead log is now: the log written between two readings is exact. */
    private static String walPosition(DevStack stack) throws java.sql.SQLException {
        var postgres = stack.servers().postgres().orElseThrow();
        try (var connection = java.sql.DriverManager.getConnection(
                        postgres.jdbcUrl("postgres"), postgres.username(), postgres.password());
                var statement = connection.createStatement()) {
            var result = statement.executeQuery("SELECT pg_current_wal_lsn()::text");
            result.next();
            return result.getString(1);
        }
    }

    private static long walBytesSince(DevStack stack, String earlier) throws java.sql.SQLException {
        var postgres = stack.servers().postgres().orElseThrow();
        try (var connection = java.sql.DriverManager.getConnection(
                        postgres.jdbcUrl("postgres"), postgres.username(), postgres.password());
                var statement = connection.prepareStatement(
                        "SELECT pg_wal_lsn_diff(pg_current_wal_lsn(), ?::pg_lsn)::bigint")) {
            statement.setString(1, earlier);
            var result = statement.executeQuery();
            result.next();
            return result.getLong(1);
        }
    }

    /** pgbench -N (simple updates) on the same server: the database's ceiling on this machine. */
    private static Optional<Double> pgbench(DevStack stack, Path workDirectory) throws Exception {
        var binary = pgbenchBinary();
        if (binary.isEmpty()) {
            return Optional.empty();
        }
        var postgres = stack.servers().postgres().orElseThrow();
        postgres.createDatabase("pgbench");
        var connection =
                List.of("-h", postgres.host(), "-p", Integer.toString(postgres.port()), "-U", postgres.username());
        var environment = Map.of("PGPASSWORD", postgres.password());
        var init = new ArrayList<>(List.of(binary.get().toString(), "-i", "-q", "-s", "10"));
        init.addAll(connection);
        init.add("pgbench");
        CommandResult.run(workDirectory, Duration.ofMinutes(5), init, environment);
        var measure = new ArrayList<>(List.of(binary.get().toString(), "-N", "-c", "8", "-j", "2", "-T", "15"));
        measure.addAll(connection);
        measure.add("pgbench");
        var output = CommandResult.run(workDirectory, Duration.ofMinutes(2), measure, environment)
                .output();
        var tps = Pattern.compile("tps = ([0-9.]+)").matcher(output);
        return tps.find() ? Optional.of(Double.parseDouble(tps.group(1))) : Optional.empty();
    }

    private static Optional<Path> pgbenchBinary() throws IOException {
        for (var directory : System.getenv().getOrDefault("PATH", "/usr/bin").split(":")) {
            var candidate = Path.of(directory, "pgbench");
            if (Files.isExecutable(candidate)) {
                return Optional.of(candidate);
            }
        }
        var debian = Path.of("/usr/lib/postgresql");
        if (Files.isDirectory(debian)) {
            try (var versions = Files.list(debian)) {
                return versions.map(version -> version.resolve("bin/pgbench"))
                        .filter(Files::isExecutable)
                        .max(Path::compareTo);
            }
        }
        return Optional.empty();
    }

    private static void print(
            Load load,
            Warmed warmed,
            List<Answer> answers,
            long accepted,
            Duration offeredFor,
            Duration endToEnd,
            Map<String, SagaHistogram> stagesBefore,
            Map<String, SagaHistogram> stagesAfter,
            double reminded,
            CpuUse cpu,
            String conserved,
            int deadLetters,
            double transactionsPerOrder,
            Optional<Double> pgbench,
            AwsRequests aws,
            AwsCost.PerOrder perOrderUse) {
        var description = switch (load) {
            case Load.Closed closed ->
                "closed loop, %d clients, %d orders".formatted(closed.clients(), closed.orders());
            case Load.Open open ->
                "open loop, %d orders/s offered for %d s".formatted(open.perSecond(), open.seconds());
        };
        System.out.printf(
                "%n### Load: %s, hot-sku mix (%s), %s%n%n", description, LocalDate.now(), BenchmarkStack.machine());
        var statuses = new TreeMap<Integer, Long>();
        answers.forEach(answer -> statuses.merge(answer.status(), 1L, Long::sum));
        var millis = new ArrayList<Double>();
        answers.forEach(answer -> millis.add(answer.millis()));
        Collections.sort(millis);
        var endToEndRate = accepted / (endToEnd.toNanos() / 1e9);
        System.out.println("| figure | value |");
        System.out.println("|---|---|");
        System.out.printf(
                "| warm-up before the window (%d clients) | %d orders in %d round(s); the JIT compilers took %.0f %% of"
                        + " the services' CPU in the last |%n",
                WARM_UP_CLIENTS, warmed.orders(), warmed.rounds(), warmed.compilerShare() * 100);
        System.out.printf("| answers to POST /orders | %s |%n", statuses);
        System.out.printf(
                "| POST /orders accepted | %.1f orders/s over %.1f s |%n",
                accepted / (offeredFor.toNanos() / 1e9), offeredFor.toNanos() / 1e9);
        System.out.printf(
                "| POST /orders latency | p50 %.1f ms, p99 %.1f ms, max %.1f ms |%n",
                BenchmarkStack.percentile(millis, 50), BenchmarkStack.percentile(millis, 99), millis.getLast());
        System.out.printf(
                "| end to end: every accepted order CONFIRMED or REJECTED | %.1f orders/s (%d in %.1f s) |%n",
                endToEndRate, accepted, endToEnd.toNanos() / 1e9);
        stagesAfter.forEach((stage, histogram) -> {
            var run = histogram.since(stagesBefore.get(stage));
            System.out.printf(
                    "| %s (order-service's histogram) | p50 %s, p99 %s |%n", stage, run.millis(0.5), run.millis(0.99));
        });
        System.out.printf(
                "| commands the saga sent again, its deadline passed (saga_reminders_total) | %.0f |%n", reminded);
        var perOrder = 1000.0 / Math.max(1, accepted);
        System.out.printf(
                "| CPU of the services | %.1f ms per order; %.1f without their JIT compiler threads |%n",
                cpu.services() * perOrder, (cpu.services() - cpu.servicesCompiling()) * perOrder);
        var compiling = new ArrayList<String>();
        cpu.compiling().forEach((name, seconds) -> compiling.add("%s %.1f".formatted(name, seconds * perOrder)));
        System.out.printf(
                "| of which the services' JIT compilers (warming up, once per start) | %.1f ms per order (%.0f %%): %s |%n",
                cpu.servicesCompiling() * perOrder,
                cpu.servicesCompiling() * 100 / Math.max(1e-9, cpu.services()),
                String.join(", ", compiling));
        var byProcess = new ArrayList<String>();
        cpu.byProcess().forEach((name, seconds) -> byProcess.add("%s %.1f".formatted(name, seconds * perOrder)));
        byProcess.add("unaccounted %.1f".formatted(cpu.unaccounted() * perOrder));
        System.out.printf(
                "| CPU by process, ms per order, from the first POST to the last outcome | %s |%n",
                String.join(", ", byProcess));
        System.out.printf(
                "| the machine's CPUs busy in that window | %.1f ms per order; %.0f %% of %d cores |%n",
                cpu.machine() * perOrder,
                cpu.machine()
                        * 100
                        / (endToEnd.toNanos() / 1e9)
                        / Runtime.getRuntime().availableProcessors(),
                Runtime.getRuntime().availableProcessors());
        System.out.printf("| stock adds up (available + reserved = stocked) | %s |%n", conserved);
        System.out.printf("| messages in dead-letter queues | %d |%n", deadLetters);
        System.out.printf(
                "| PostgreSQL transactions per order (commits of the services' databases) | %.1f, %.0f/s |%n",
                transactionsPerOrder, transactionsPerOrder * endToEndRate);
        pgbench.ifPresentOrElse(
                tps -> System.out.printf(
                        "| pgbench -N on the same PostgreSQL (8 clients, 15 s) | %.0f transactions/s: the services used"
                                + " %.0f %% of it; %.0f orders/s at %.1f transactions each would use all of it |%n",
                        tps,
                        transactionsPerOrder * endToEndRate * 100 / tps,
                        tps / Math.max(0.1, transactionsPerOrder),
                        transactionsPerOrder),
                () -> System.out.println(
                        "| pgbench -N | not measured: pgbench is not installed (Debian: postgresql) |"));
        printAwsUse(accepted, aws, perOrderUse);
    }

    /** What one order asked of AWS's services, and what a million would cost at list prices. */
    private static void printAwsUse(long accepted, AwsRequests aws, AwsCost.PerOrder used) {
        var orders = (double) Math.max(1, accepted);
        var sqs = new ArrayList<String>();
        aws.of("Sqs").forEach((operation, count) -> sqs.add("%s %.2f".formatted(operation, count / orders)));
        System.out.printf(
                "| SQS requests per order, by action (the services' aws_requests_total) | %.2f: %s |%n",
                used.sqsRequests(), String.join(", ", sqs));
        var dynamoDb = new ArrayList<String>();
        aws.of("DynamoDb").forEach((operation, count) -> dynamoDb.add("%s %.2f".formatted(operation, count / orders)));
        System.out.printf(
                "| DynamoDB per order: requests; capacity units consumed (ReturnConsumedCapacity) | %s; %.2f read,"
                        + " %.2f write |%n",
                String.join(", ", dynamoDb), used.readUnits(), used.writeUnits());
        System.out.printf(
                "| PostgreSQL per order: write-ahead log | %.0f bytes (%.1f per commit) |%n",
                used.walBytes(), used.commits() == 0 ? 0 : used.walBytes() / used.commits());
        var cost = AwsCost.perMillionOrders(used);
        System.out.printf(
                "| AWS cost per million orders (%s list prices, benchmarks/src/main/resources/aws-prices.properties)"
                        + " | $%.2f: SQS $%.2f, DynamoDB $%.2f, Aurora I/O $%.2f, Aurora capacity $%.2f, Fargate $%.2f |%n",
                cost.region(),
                cost.total(),
                cost.sqs(),
                cost.dynamoDb(),
                cost.auroraIo(),
                cost.auroraCapacity(),
                cost.fargate());
    }
}
