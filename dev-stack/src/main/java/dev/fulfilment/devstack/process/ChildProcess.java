package dev.fulfilment.devstack.process;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.IntPredicate;

/** A server started as a child process, its output in a log file, stopped with it. */
public final class ChildProcess implements AutoCloseable {

    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofMillis(500)).build();

    private final String name;
    private final Process process;
    private final Path logFile;
    private final Instant startedAt;

    private ChildProcess(String name, Process process, Path logFile, Instant startedAt) {
        this.name = name;
        this.process = process;
        this.logFile = logFile;
        this.startedAt = startedAt;
    }

    public static ChildProcess start(String name, List<String> command, Map<String, String> environment, Path logFile) {
        return start(name, command, environment, logFile, false);
    }

    /**
     * Starts the process; with {@code appendToLog} its output goes after what the log holds,
     * so a restarted server's log still shows what happened before it stopped.
     */
    public static ChildProcess start(
            String name, List<String> command, Map<String, String> environment, Path logFile, boolean appendToLog) {
        try {
            Files.createDirectories(logFile.getParent());
            var builder = new ProcessBuilder(command)
                    // Whatever a server writes where it runs stays in the work folder.
                    .directory(logFile.getParent().toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(
                            appendToLog
                                    ? ProcessBuilder.Redirect.appendTo(logFile.toFile())
                                    : ProcessBuilder.Redirect.to(logFile.toFile()))
                    .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
            builder.environment().putAll(environment);
            var startedAt = Instant.now();
            var child = new ChildProcess(name, builder.start(), logFile, startedAt);
            // A child left running after its parent dies would hold its port for the next run.
            Runtime.getRuntime().addShutdownHook(new Thread(child::close, "stop-" + name));
            return child;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + name + ": " + command, e);
        }
    }

    /** Waits until a GET of the URL answers with a status the predicate accepts. */
    public Duration awaitHttp(String url, IntPredicate acceptedStatus, Duration timeout) {
        var deadline = Instant.now().plus(timeout);
        var request = HttpRequest.newBuilder(URI.create(url))
                .timeout(Duration.ofSeconds(2))
                .build();
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException(name + " exited with code " + process.exitValue() + "; see " + logFile);
            }
            try {
                var status = HTTP.send(request, HttpResponse.BodyHandlers.discarding())
                        .statusCode();
                if (acceptedStatus.test(status)) {
                    return Duration.between(startedAt, Instant.now());
                }
            } catch (IOException notListeningYet) {
                // keep polling until the deadline
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for " + name, e);
            }
            sleep(Duration.ofMillis(50));
        }
        throw new IllegalStateException(name + " did not answer " + url + " within " + timeout + "; see " + logFile);
    }

    public long pid() {
        return process.pid();
    }

    public Path logFile() {
        return logFile;
    }

    /** Kills the process at once (SIGKILL), as a crash or an out-of-memory kill would. */
    public void kill() {
        process.destroyForcibly();
        try {
            process.waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Asks the process to stop (SIGTERM), then kills it if it has not stopped in time. */
    @Override
    public void close() {
        stop(Duration.ofSeconds(15));
    }

    /**
     * Asks the process to stop (SIGTERM) and kills it if it has not exited within the patience.
     *
     * @return whether it exited by itself
     */
    public boolean stop(Duration patience) {
        if (!process.isAlive()) {
            return true;
        }
        process.destroy();
        try {
            if (process.waitFor(patience.toMillis(), TimeUnit.MILLISECONDS)) {
                return true;
            }
            process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            return false;
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            return false;
        }
    }

    public static void sleep(Duration duration) {
        try {
            Thread.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    /** The java executable of this JVM, so children run on the same JDK. */
    public static String javaExecutable() {
        return ProcessHandle.current()
                .info()
                .command()
                .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    }
}
