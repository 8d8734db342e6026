package dev.fulfilment.benchmarks.measure;

import dev.fulfilment.devstack.DevStack;
import dev.fulfilment.devstack.Service;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;

/**
 * CPU seconds (user + system, from /proc) used so far by each process of the local stack, by
 * the benchmark's own client and by the whole machine, so that a run can say where every
 * CPU-second of its window went. PostgreSQL is the sum of every process named {@code
 * postgres}: backends that end between two readings are missed, the services' pools keep
 * theirs open.
 *
 * <p>Of each service's seconds, it also reads those of the JIT's compiler threads (HotSpot's
 * "C1 CompilerThread" and "C2 CompilerThread"): compiling is what a JVM pays while it warms up,
 * once per task start, not with every order, so a run says how much of its window was that.
 *
 * @param byProcess seconds by name, in the order they are printed
 * @param compiling of a service's seconds, those of its JIT compiler threads, by service
 * @param machine seconds the machine's CPUs were busy (all of /proc/stat but idle and iowait)
 */
public record CpuUse(Map<String, Double> byProcess, Map<String, Double> compiling, double machine) {

    private static final double TICKS_PER_SECOND = 100.0;
    /** A thread's name as /proc shows it, cut to 15 characters: "C2 CompilerThre". */
    private static final String COMPILER_THREAD = "CompilerThre";

    public static CpuUse read(DevStack stack) {
        var byProcess = new LinkedHashMap<String, Double>();
        var compiling = new LinkedHashMap<String, Double>();
        for (var service : Service.values()) {
            byProcess.put(service.directoryName(), ofProcess(stack.pid(service)));
            compiling.put(service.directoryName(), ofCompilerThreads(stack.pid(service)));
        }
        var servers = stack.servers();
        servers.sqs().ifPresent(sqs -> byProcess.put("ElasticMQ", ofProcess(sqs.pid())));
        servers.dynamoDb().ifPresent(dynamoDb -> byProcess.put("DynamoDB emulator", ofProcess(dynamoDb.pid())));
        byProcess.put("PostgreSQL", ofProcessesNamed("postgres"));
        byProcess.put(
                "the benchmark's client", ofProcess(ProcessHandle.current().pid()));
        return new CpuUse(byProcess, compiling, machineBusy());
    }

    /** What was used between {@code before} and this reading. */
    public CpuUse since(CpuUse before) {
        var used = new LinkedHashMap<String, Double>();
        byProcess.forEach((name, seconds) -> used.put(name, seconds - before.byProcess.getOrDefault(name, 0.0)));
        var compiled = new LinkedHashMap<String, Double>();
        compiling.forEach((name, seconds) -> compiled.put(name, seconds - before.compiling.getOrDefault(name, 0.0)));
        return new CpuUse(used, compiled, machine - before.machine);
    }

    /** Of the services' seconds, those their JIT compiler threads used. */
    public double servicesCompiling() {
        return compiling.values().stream().mapToDouble(Double::doubleValue).sum();
    }

    public double services() {
        return Stream.of(Service.values())
                .mapToDouble(service -> byProcess.getOrDefault(service.directoryName(), 0.0))
                .sum();
    }

    /** Busy seconds not accounted to any process named here: other processes, the kernel's own work. */
    public double unaccounted() {
        return machine
                - byProcess.values().stream().mapToDouble(Double::doubleValue).sum();
    }

    /** The CPU seconds one process has used so far; 0 once it has ended. */
    public static double ofProcess(long pid) {
        try {
            return ticks(Files.readString(Path.of("/proc", Long.toString(pid), "stat"))) / TICKS_PER_SECOND;
        } catch (NoSuchFileException e) {
            return 0;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The seconds of a process's threads named as HotSpot names its JIT compiler threads. */
    private static double ofCompilerThreads(long pid) {
        try (var threads = Files.list(Path.of("/proc", Long.toString(pid), "task"))) {
            return threads.mapToLong(thread -> {
                                try {
                                    var stat = Files.readString(thread.resolve("stat"));
                                    return isCompilerThread(stat) ? ticks(stat) : 0;
                                } catch (IOException e) {
                                    return 0; // it ended while we looked
                                }
                            })
                            .sum()
                    / TICKS_PER_SECOND;
        } catch (NoSuchFileException e) {
            return 0;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static boolean isCompilerThread(String stat) {
        var name = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
        return (name.startsWith("C1 ") || name.startsWith("C2 ")) && name.contains(COMPILER_THREAD);
    }

    private static double ofProcessesNamed(String name) {
        try (var entries = Files.list(Path.of("/proc"))) {
            return entries.filter(entry ->
                                    entry.getFileName().toString().chars().allMatch(Character::isDigit))
                            .mapToLong(entry -> {
                                try {
                                    var stat = Files.readString(entry.resolve("stat"));
                                    return stat.contains("(" + name + ")") ? ticks(stat) : 0;
                                } catch (IOException e) {
                                    return 0; // it ended while we looked
                                }
                            })
                            .sum()
                    / TICKS_PER_SECOND;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** utime + stime: fields 14 and 15 of /proc/PID/stat, 12 and 13 after "pid (comm) ". */
    static long ticks(String stat) {
        var fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
    }

    private static double machineBusy() {
        try {
            return busyTicks(Files.readAllLines(Path.of("/proc/stat")).getFirst()) / TICKS_PER_SECOND;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The first line of /proc/stat, "cpu user nice system idle iowait irq softirq steal guest
     * guest_nice": all but idle and iowait (guest time is already counted in user).
     */
    static long busyTicks(String cpuLine) {
        var fields = cpuLine.trim().split("\\s+");
        long busy = 0;
        for (int i = 1; i < Math.min(fields.length, 9); i++) {
            if (i != 4 && i != 5) {
                busy += Long.parseLong(fields[i]);
            }
        }
        return busy;
    }
}
