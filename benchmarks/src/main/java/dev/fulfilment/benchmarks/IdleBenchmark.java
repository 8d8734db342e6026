package dev.fulfilment.benchmarks;

import dev.fulfilment.benchmarks.measure.ServerWaits;
import dev.fulfilment.benchmarks.measure.SocketRecording;
import dev.fulfilment.devstack.DevStack;
import dev.fulfilment.devstack.Service;
import dev.fulfilment.devstack.servers.LocalServers;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.Map;

/**
 * One order at a time on a warm stack that is otherwise idle, while the JDK Flight Recorder
 * records the services' socket calls: how much of each order's time some service waited on
 * PostgreSQL, SQS or DynamoDB, and how much on none of them.
 */
final class IdleBenchmark {

    /** Longer than any idle order takes, so that the next is placed on a stack at rest. */
    private static final Duration IDLE_GAP = Duration.ofMillis(250);

    private IdleBenchmark() {}

    /** A fresh stack warmed up under load, then {@link #idleOrders}. */
    static void run(Path projectRoot, int orders, int warmUpOrders) throws Exception {
        try (var stack = BenchmarkStack.fresh(projectRoot)) {
            LoadBenchmark.stockProducts(stack, 2L * warmUpOrders + orders + 1000);
            LoadBenchmark.warmUp(stack, warmUpOrders);
            System.out.printf("%n## %s, %s%n", LocalDate.now(), BenchmarkStack.machine());
            System.out.printf(
                    "%nAfter %d orders from %d clients to warm up:%n", warmUpOrders, LoadBenchmark.WARM_UP_CLIENTS);
            idleOrders(
                    stack,
                    new Customers(stack.issuer(), "idle").prepare(orders),
                    orders,
                    BenchmarkStack.directory(projectRoot));
        }
    }

    /**
     * Orders placed one at a time with the stack otherwise idle (each read {@link #IDLE_GAP} after
     * it was placed, and then every 20 ms until CONFIRMED: nothing polls while it runs unless it
     * takes that long), while the JDK Flight Recorder records the services' socket calls; prints
     * how much of each order's time some service was waiting on PostgreSQL, SQS or DynamoDB, and
     * how much on none of them.
     */
    private static void idleOrders(DevStack stack, Customers customers, int count, Path directory)
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
        var orders = new SequentialOrders(stack.url(Service.ORDER), customers);
        var windows = new ArrayList<ServerWaits.Window>();
        for (int i = 0; i < count; i++) {
            var id = orders.place(LoadBenchmark.HOT_SKU);
            Thread.sleep(IDLE_GAP);
            windows.add(SequentialOrders.timeline(orders.awaitConfirmed(id, Duration.ofMillis(20))));
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
                BenchmarkStack.percentile(millis, 50),
                BenchmarkStack.percentile(millis, 90),
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
}
