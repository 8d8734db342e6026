package dev.fulfilment.benchmarks;

import java.nio.file.Path;

/**
 * {@code ./dev-stack/benchmark}: measures the local stack and prints a Markdown section for
 * docs/benchmarks.md. Each mode starts a fresh stack of the packaged services on free ports.
 */
public final class Benchmark {

    private static final String USAGE = """
            Usage: ./dev-stack/benchmark [ORDERS [RESTARTS]]           start, memory, one order at a time
                   ./dev-stack/benchmark closed CLIENTS ORDERS [WARM-UP] load: each client orders again once answered
                   ./dev-stack/benchmark open RATE SECONDS [WARM-UP]    load: RATE orders a second for SECONDS
                     (warm-up: until the JIT compilers take under a tenth of the services' CPU, or WARM-UP orders)
                   ./dev-stack/benchmark read [WARM-UP [WINDOW [ROUNDS [OTHER-TREE]]]]
                     reads by 4 keep-alive clients (seconds; defaults 60 10 3); with another tree whose
                     services are packaged, that build too, alternating
                   ./dev-stack/benchmark idle [ORDERS [WARM-UP ORDERS]] one order at a time on a warm, idle stack""";

    private Benchmark() {}

    public static void main(String[] args) throws Exception {
        var projectRoot =
                Path.of(args.length > 0 ? args[0] : ".").toAbsolutePath().normalize();
        var mode = args.length > 1 ? args[1] : "";
        switch (mode) {
            case "read" -> ReadBenchmark.run(projectRoot, ReadBenchmark.Settings.parse(args));
            case "idle" ->
                IdleBenchmark.run(
                        projectRoot,
                        args.length > 2 ? Integer.parseInt(args[2]) : 100,
                        args.length > 3 ? Integer.parseInt(args[3]) : 3000);
            case "closed", "open" -> {
                if (args.length != 4 && args.length != 5) {
                    usage();
                }
                var first = Integer.parseInt(args[2]);
                var second = Integer.parseInt(args[3]);
                var warmUp = LoadBenchmark.WarmUp.parse(args, 4);
                LoadBenchmark.run(
                        projectRoot,
                        mode.equals("closed")
                                ? new LoadBenchmark.Load.Closed(first, second, warmUp)
                                : new LoadBenchmark.Load.Open(first, second, warmUp));
            }
            default -> {
                if (!mode.isEmpty() && !mode.chars().allMatch(Character::isDigit)) {
                    usage();
                }
                LatencyBenchmark.run(
                        projectRoot,
                        args.length > 1 ? Integer.parseInt(args[1]) : 300,
                        args.length > 2 ? Integer.parseInt(args[2]) : 5);
            }
        }
    }

    private static void usage() {
        System.err.println(USAGE);
        System.exit(2);
    }
}
