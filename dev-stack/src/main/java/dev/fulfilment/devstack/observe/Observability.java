package dev.fulfilment.devstack.observe;

import dev.fulfilment.devstack.process.ChildProcess;
import dev.fulfilment.devstack.process.CommandResult;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A trace UI and a metrics UI beside the local stack, on request ({@code ./dev-stack/start
 * --observe}): Zipkin (io.zipkin:zipkin-server from Maven Central, fetched on first use) that
 * the services send every span to, and Prometheus (Debian's {@code prometheus} package, when
 * installed) scraping their {@code /q/metrics}.
 */
public final class Observability implements AutoCloseable {

    public static final String ZIPKIN_VERSION = "3.6.1";
    public static final int ZIPKIN_PORT = 9411;
    static final int PROMETHEUS_PORT = 9090;

    private final ChildProcess zipkin;
    private final ChildProcess prometheus;
    private final int zipkinPort;

    private Observability(ChildProcess zipkin, ChildProcess prometheus, int zipkinPort) {
        this.zipkin = zipkin;
        this.prometheus = prometheus;
        this.zipkinPort = zipkinPort;
    }

    /** Starts Zipkin (and Prometheus, when installed) and waits until they answer. */
    public static Observability start(Path projectRoot, Path workDirectory, int zipkinPort) {
        var jar = zipkinJar(projectRoot);
        var zipkin = ChildProcess.start(
                "zipkin",
                List.of(ChildProcess.javaExecutable(), "-Xmx256m", "-XX:+UseSerialGC", "-jar", jar.toString()),
                Map.of("QUERY_PORT", Integer.toString(zipkinPort)),
                workDirectory.resolve("zipkin.log"));
        zipkin.awaitHttp("http://127.0.0.1:" + zipkinPort + "/health", status -> status == 200, Duration.ofSeconds(90));
        return new Observability(zipkin, null, zipkinPort);
    }

    /**
     * Starts Prometheus scraping the services' management ports, if the machine has it.
     *
     * @param managementPorts each service's name and management port
     */
    public Observability withPrometheus(Path workDirectory, Map<String, Integer> managementPorts) {
        var binary = prometheusBinary();
        if (binary.isEmpty()) {
            System.out.println("Prometheus is not installed (Debian: apt-get install prometheus): metrics only on "
                    + "each service's /q/metrics.");
            return this;
        }
        var directory = workDirectory.resolve("prometheus");
        var config = directory.resolve("prometheus.yml");
        try {
            Files.createDirectories(directory);
            Files.writeString(config, scrapeConfiguration(managementPorts));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + config, e);
        }
        var process = ChildProcess.start(
                "prometheus",
                List.of(
                        binary.get().toString(),
                        "--config.file=" + config,
                        "--storage.tsdb.path=" + directory.resolve("data"),
                        "--web.listen-address=127.0.0.1:" + PROMETHEUS_PORT),
                Map.of(),
                workDirectory.resolve("prometheus.log"));
        process.awaitHttp(
                "http://127.0.0.1:" + PROMETHEUS_PORT + "/-/ready", status -> status == 200, Duration.ofSeconds(60));
        return new Observability(zipkin, process, zipkinPort);
    }

    /** What makes a service record every span and send it to this Zipkin. */
    public Map<String, String> serviceConfiguration() {
        var config = new LinkedHashMap<String, String>();
        config.put("tracing.zipkin.enabled", "true");
        config.put("tracing.zipkin.endpoint", zipkinUrl() + "/api/v2/spans");
        config.put("quarkus.otel.traces.sampler.arg", "1");
        return config;
    }

    public String zipkinUrl() {
        return "http://127.0.0.1:" + zipkinPort;
    }

    public Optional<String> prometheusUrl() {
        return prometheus == null ? Optional.empty() : Optional.of("http://127.0.0.1:" + PROMETHEUS_PORT);
    }

    static String scrapeConfiguration(Map<String, Integer> managementPorts) {
        var targets = new ArrayList<String>();
        managementPorts.forEach((service, port) -> {
            targets.add("      - targets: [\"127.0.0.1:%d\"]".formatted(port));
            targets.add("        labels: {service: \"%s\"}".formatted(service));
        });
        return """
                global:
                  scrape_interval: 5s
                scrape_configs:
                  - job_name: order-fulfilment
                    metrics_path: /q/metrics
                    static_configs:
                %s
                """.formatted(String.join("\n", targets));
    }

    private static Optional<Path> prometheusBinary() {
        for (var directory : System.getenv().getOrDefault("PATH", "/usr/bin").split(":")) {
            var candidate = Path.of(directory, "prometheus");
            if (Files.isExecutable(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    /** The Zipkin server's executable jar, copied from Maven Central once into dev-stack/target. */
    private static Path zipkinJar(Path projectRoot) {
        var directory = projectRoot.resolve("dev-stack/target/observe");
        var jar = directory.resolve("zipkin-server-" + ZIPKIN_VERSION + "-exec.jar");
        if (Files.isRegularFile(jar)) {
            return jar;
        }
        System.out.println("Fetching the Zipkin server " + ZIPKIN_VERSION + " from Maven Central (once)...");
        try {
            var result = CommandResult.run(
                    projectRoot,
                    Duration.ofMinutes(10),
                    List.of(
                            projectRoot.resolve("mvnw").toString(),
                            "-B",
                            "-q",
                            "-ntp",
                            "dependency:copy",
                            "-Dartifact=io.zipkin:zipkin-server:" + ZIPKIN_VERSION + ":jar:exec",
                            "-DoutputDirectory=" + directory));
            if (!Files.isRegularFile(jar)) {
                throw new IllegalStateException("could not fetch the Zipkin server: " + result.output());
            }
            return jar;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run the Maven wrapper to fetch the Zipkin server", e);
        }
    }

    @Override
    public void close() {
        if (prometheus != null) {
            prometheus.close();
        }
        zipkin.close();
    }
}
