package dev.fulfilment.systemtests;

import static org.awaitility.Awaitility.await;

import dev.fulfilment.devstack.Service;
import dev.fulfilment.devstack.identity.LocalIssuer;
import dev.fulfilment.devstack.process.CommandResult;
import dev.fulfilment.devstack.servers.LocalServers;
import dev.fulfilment.devstack.web.SignInClient;
import io.restassured.RestAssured;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The system as {@code docker compose up} runs it from the repository's images, already
 * running (as .ci/run starts it, with the observe profile): reached on the host ports of
 * docker-compose.yml, signed in at its local sign-in, and disturbed as a user would with
 * {@code docker compose kill}, {@code stop} and {@code start}. Data is not fresh: every test
 * makes its own products and customers.
 */
final class ComposeDeployment implements Deployment {

    /** ECS's stopTimeout, which the services must exit within after SIGTERM. */
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(30);

    /** A container that ends with SIGKILL exits with 128 + 9. */
    private static final int KILLED = 137;

    private final Path projectRoot;
    private final SignInClient signIn = new SignInClient(URI.create("http://localhost:8080"));
    private final Map<String, String> tokens = new ConcurrentHashMap<>();

    ComposeDeployment(Path projectRoot) {
        this.projectRoot = projectRoot;
    }

    @Override
    public String url(Service service) {
        return "http://localhost:" + service.defaultPort();
    }

    @Override
    public String managementUrl(Service service) {
        return "http://localhost:" + service.defaultManagementPort();
    }

    @Override
    public String sqsEndpoint() {
        return "http://localhost:9324";
    }

    @Override
    public String dynamoDbEndpoint() {
        return "http://localhost:8000";
    }

    @Override
    public String token(LocalIssuer.Caller caller, String subject) {
        return tokens.computeIfAbsent(caller + "/" + subject, key -> signIn.token(caller, subject));
    }

    @Override
    public String webUrl() {
        return "http://localhost:8080/";
    }

    @Override
    public String zipkinUrl() {
        return "http://localhost:9411";
    }

    @Override
    public void crashAndRestart(Service service) {
        compose("kill", "--signal", "SIGKILL", service.directoryName());
        startAgain(service);
    }

    @Override
    public Duration stopGracefullyAndRestart(Service service) {
        var started = System.nanoTime();
        compose("stop", "--timeout", Long.toString(STOP_TIMEOUT.toSeconds()), service.directoryName());
        var stopped = Duration.ofNanos(System.nanoTime() - started);
        var exitCode = compose("ps", "--all", "--format", "{{.ExitCode}}", service.directoryName())
                .strip()
                .lines()
                .toList()
                .getLast();
        if (exitCode.equals(Integer.toString(KILLED))) {
            throw new IllegalStateException(service.directoryName() + " did not exit within " + STOP_TIMEOUT
                    + " of SIGTERM and was killed, as ECS would; see " + logs(service));
        }
        startAgain(service);
        return stopped;
    }

    @Override
    public void stop(Service service) {
        compose("stop", "--timeout", Long.toString(STOP_TIMEOUT.toSeconds()), service.directoryName());
    }

    @Override
    public void startAgain(Service service) {
        // Not `start`, which starts the service's dependencies too: a server a test took away
        // stays away.
        compose("up", "--detach", "--no-deps", "--no-recreate", service.directoryName());
        await().atMost(Duration.ofSeconds(90))
                .pollInterval(Duration.ofMillis(200))
                .ignoreExceptions()
                .until(() -> RestAssured.given()
                                .baseUri(managementUrl(service))
                                .get("/q/health/ready")
                                .statusCode()
                        == 200);
    }

    /** The server's container stopped (its data kept in its volume), then started again. */
    @Override
    public ServerOutage outage(LocalServers.Server server) {
        var name = switch (server) {
            case POSTGRES -> "postgres";
            case SQS -> "sqs";
            case DYNAMODB -> "dynamodb";
        };
        return new ServerOutage() {
            @Override
            public void begin() {
                compose("stop", name);
            }

            @Override
            public void end() {
                compose("up", "--detach", "--no-deps", "--no-recreate", name);
                awaitOwnHealthCheck(name);
            }
        };
    }

    /**
     * Waits until the container's own health check passes, run every 200 ms rather than at the
     * engine's interval (5 s): the server counts as back from the moment it serves.
     */
    private void awaitOwnHealthCheck(String name) {
        var container = compose("ps", "--quiet", name).strip();
        var test = docker("inspect", "--format", "{{range .Config.Healthcheck.Test}}{{println .}}{{end}}", container)
                .lines()
                .filter(line -> !line.isEmpty())
                .toList();
        var check = new ArrayList<>(List.of("exec", "-T", name));
        switch (test.getFirst()) {
            case "CMD" -> check.addAll(test.subList(1, test.size()));
            case "CMD-SHELL" -> check.addAll(List.of("sh", "-c", test.get(1)));
            default -> throw new IllegalStateException(name + " has no health check: " + test);
        }
        await().atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(200))
                .ignoreExceptions()
                .until(() -> {
                    compose(check.toArray(String[]::new));
                    return true;
                });
    }

    @Override
    public String logs(Service service) {
        return "docker compose logs " + service.directoryName();
    }

    @Override
    public String memoryMaps(Service service) {
        return compose("exec", "-T", service.directoryName(), "cat", "/proc/1/maps");
    }

    @Override
    public String aotCache(Service service) {
        return "/deployments/app.aot";
    }

    @Override
    public void close() {
        // The stack is .ci/run's (or the user's), who brought it up and takes it down.
    }

    private String compose(String... arguments) {
        return compose(projectRoot, arguments);
    }

    private String docker(String... arguments) {
        var command = new ArrayList<>(List.of("docker"));
        command.addAll(List.of(arguments));
        return run(projectRoot, command);
    }

    /**
     * Runs {@code docker compose} on the repository's docker-compose.yml; returns what it printed.
     *
     * @throws IllegalStateException when it fails
     */
    static String compose(Path projectRoot, String... arguments) {
        var command = new ArrayList<>(List.of(
                "docker", "compose", "--project-directory", projectRoot.toString(), "--file", "docker-compose.yml"));
        command.addAll(List.of(arguments));
        return run(projectRoot, command);
    }

    private static String run(Path projectRoot, List<String> command) {
        try {
            var result = CommandResult.run(projectRoot, Duration.ofMinutes(2), command);
            if (!result.succeeded()) {
                throw new IllegalStateException(String.join(" ", command) + " failed:\n" + result.output());
            }
            return result.output();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
