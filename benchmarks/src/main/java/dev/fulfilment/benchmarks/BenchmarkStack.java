package dev.fulfilment.benchmarks;

import dev.fulfilment.devstack.DevStack;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** The stack every mode measures, and what every report says about the machine it ran on. */
final class BenchmarkStack {

    private BenchmarkStack() {}

    /** The whole stack on free ports with fresh, throw-away data. */
    static DevStack fresh(Path projectRoot) {
        return DevStack.start(DevStack.Settings.disposable(projectRoot, directory(projectRoot)));
    }

    /** Where the benchmark's stack keeps its files and logs. */
    static Path directory(Path projectRoot) {
        return projectRoot.resolve("benchmarks/target/stack");
    }

    /** The value below which that share of the sorted values lie. */
    static double percentile(List<Double> sorted, int percent) {
        var index = (int) Math.ceil(percent / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(index, sorted.size() - 1)));
    }

    /** Cores, processor, memory and JDK, for the heading of every report. */
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

    /** The resident memory of a process, from /proc. */
    static long residentKilobytes(long pid) throws IOException {
        for (var line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", ""));
            }
        }
        return -1;
    }
}
