package dev.fulfilment.benchmarks.measure;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordingFile;

/**
 * Where a running service's CPU goes, by component: the JDK Flight Recorder's execution samples
 * (a thread running Java code, every 10 ms), started and stopped through {@code jcmd}. Each
 * sample counts once, for the frame nearest the top of its stack that belongs to a named
 * component: {@code BigInteger} called by jose4j is the token check, a {@code HashMap} called by
 * Hibernate is Hibernate. Samples with none are the JDK's and the rest.
 */
public final class CpuProfile {

    private static final String NAME = "cpu-profile";

    /** Components by the package prefixes of their classes; the longest prefix that matches wins. */
    private static final Map<String, List<String>> COMPONENTS = components();

    private static final String OTHER = "the JDK and the rest";

    private final long pid;
    private final Path file;

    private CpuProfile(long pid, Path file) {
        this.pid = pid;
        this.file = file;
    }

    private static Map<String, List<String>> components() {
        var components = new LinkedHashMap<String, List<String>>();
        components.put(
                "bearer-token check (OIDC, jose4j, JWT, RSA)",
                List.of(
                        "io.quarkus.oidc.",
                        "org.jose4j.",
                        "io.smallrye.jwt.",
                        "sun.security.rsa.",
                        "sun.security.util."));
        components.put(
                "security (identity, roles, augmentor)",
                List.of("io.quarkus.security.", "dev.fulfilment.support.security."));
        components.put("Hibernate ORM", List.of("org.hibernate.", "io.quarkus.hibernate."));
        components.put("PostgreSQL driver", List.of("org.postgresql."));
        components.put(
                "Agroal and Narayana (pool, transactions)",
                List.of("io.agroal.", "com.arjuna.", "io.quarkus.narayana.", "io.quarkus.agroal."));
        components.put("AWS SDK and Apache HttpClient", List.of("software.amazon.", "org.apache.http."));
        components.put("Jackson", List.of("com.fasterxml."));
        components.put(
                "OpenTelemetry and Micrometer",
                List.of("io.opentelemetry.", "io.quarkus.opentelemetry.", "io.micrometer.", "io.quarkus.micrometer."));
        components.put(
                "RESTEasy Reactive and validation",
                List.of(
                        "org.jboss.resteasy.",
                        "io.quarkus.resteasy.",
                        "org.hibernate.validator.",
                        "io.quarkus.hibernate.validator."));
        components.put(
                "CDI (ArC), context propagation, Mutiny",
                List.of(
                        "io.quarkus.arc.",
                        "io.smallrye.context.",
                        "io.smallrye.mutiny.",
                        "io.quarkus.smallrye.context."));
        components.put("Netty and Vert.x (HTTP)", List.of("io.netty.", "io.vertx.", "io.quarkus.vertx."));
        components.put("this system's code", List.of("dev.fulfilment."));
        components.put("JBoss threads (worker pool)", List.of("org.jboss.threads."));
        return components;
    }

    /** Starts sampling the JVM's threads every 10 ms; nothing else is recorded. */
    public static CpuProfile start(long pid, Path file) {
        Jcmd.run(
                pid,
                "JFR.start",
                "name=" + NAME,
                "settings=none",
                "+jdk.ExecutionSample#enabled=true",
                "+jdk.ExecutionSample#period=10ms");
        return new CpuProfile(pid, file);
    }

    /** Stops the recording; the share of the samples of each component, largest first. */
    public Shares stop() {
        Jcmd.run(pid, "JFR.stop", "name=" + NAME, "filename=" + file);
        var samples = new TreeMap<String, Integer>();
        int total = 0;
        try (var recording = new RecordingFile(file)) {
            while (recording.hasMoreEvents()) {
                var event = recording.readEvent();
                if (!event.getEventType().getName().equals("jdk.ExecutionSample")) {
                    continue;
                }
                samples.merge(componentOf(event.getStackTrace()), 1, Integer::sum);
                total++;
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not read " + file, e);
        }
        var shares = new LinkedHashMap<String, Double>();
        var finalTotal = total;
        samples.entrySet().stream()
                .sorted(Map.Entry.<String, Integer>comparingByValue().reversed())
                .forEach(entry -> shares.put(entry.getKey(), entry.getValue() / (double) Math.max(1, finalTotal)));
        return new Shares(shares, total);
    }

    static String componentOf(RecordedStackTrace stack) {
        if (stack == null) {
            return OTHER;
        }
        for (RecordedFrame frame : stack.getFrames()) {
            if (!frame.isJavaFrame()) {
                continue;
            }
            var component = componentOfClass(frame.getMethod().getType().getName());
            if (component != null) {
                return component;
            }
        }
        return OTHER;
    }

    /** The component whose longest prefix the class name starts with, or null for none. */
    static String componentOfClass(String className) {
        String found = null;
        int longest = 0;
        for (var component : COMPONENTS.entrySet()) {
            for (var prefix : component.getValue()) {
                if (prefix.length() > longest && className.startsWith(prefix)) {
                    found = component.getKey();
                    longest = prefix.length();
                }
            }
        }
        return found;
    }

    /**
     * @param byComponent each component's share of the samples, largest first
     * @param samples how many samples there were
     */
    public record Shares(Map<String, Double> byComponent, int samples) {}
}
