package dev.fulfilment.devstack.servers;

import dev.fulfilment.contracts.Destination;
import dev.fulfilment.devstack.process.ChildProcess;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * ElasticMQ, an SQS-compatible server, in a JVM of its own, with the queue of every
 * {@link Destination} and its dead-letter queue created at start (maxReceiveCount
 * {@value #MAX_RECEIVE_COUNT}). terraform/ creates the same queues in AWS; keep the redrive
 * settings in line with it.
 */
public final class ElasticMq implements AutoCloseable {

    /** Receives after which SQS moves a message to the dead-letter queue. */
    public static final int MAX_RECEIVE_COUNT = 5;

    /** Seconds a received message stays hidden before SQS offers it again. */
    public static final int VISIBILITY_TIMEOUT_SECONDS = 30;

    private final ChildProcess process;
    private final int port;

    private ElasticMq(ChildProcess process, int port) {
        this.process = process;
        this.port = port;
    }

    public static ElasticMq start(Path workDirectory, int port) {
        var config = workDirectory.resolve("elasticmq.conf");
        write(config, configuration(port));
        var command = List.of(
                ChildProcess.javaExecutable(),
                "-Xmx128m",
                "-XX:TieredStopAtLevel=1",
                "-Dconfig.file=" + config,
                "-cp",
                classPath(),
                "org.elasticmq.server.Main");
        var process = ChildProcess.start("elasticmq", command, Map.of(), workDirectory.resolve("elasticmq.log"));
        var elasticMq = new ElasticMq(process, port);
        process.awaitHttp(
                elasticMq.endpoint() + "/?Action=ListQueues", status -> status == 200, Duration.ofSeconds(60));
        return elasticMq;
    }

    /**
     * ElasticMQ's class path, which the dev-stack/emulators/elasticmq module writes into its jar:
     * its libraries run in a JVM of their own and never meet dev-stack's.
     */
    private static String classPath() {
        try (var in = ElasticMq.class.getResourceAsStream("/dev-stack/elasticmq.classpath")) {
            if (in == null) {
                throw new IllegalStateException("class path file dev-stack/elasticmq.classpath is missing: build the"
                        + " dev-stack/emulators modules first (./mvnw install)");
            }
            return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8).trim();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The SQS endpoint, e.g. for quarkus.sqs.endpoint-override. */
    public String endpoint() {
        return "http://127.0.0.1:" + port;
    }

    static String configuration(int port) {
        var queues = new StringBuilder();
        for (var queue : Destination.values()) {
            queues.append("  \"%s\" { }\n".formatted(queue.deadLetterQueueName()));
            queues.append("""
                      "%s" {
                        defaultVisibilityTimeout = %d seconds
                        receiveMessageWait = 0 seconds
                        deadLettersQueue { name = "%s", maxReceiveCount = %d }
                      }
                    """.formatted(
                    queue.queueName(), VISIBILITY_TIMEOUT_SECONDS, queue.deadLetterQueueName(), MAX_RECEIVE_COUNT));
        }
        return """
                include classpath("application.conf")
                node-address { protocol = http, host = 127.0.0.1, port = %d, context-path = "" }
                rest-sqs { enabled = true, bind-port = %d, bind-hostname = "127.0.0.1", sqs-limits = strict }
                rest-stats { enabled = false }
                queues {
                %s}
                """.formatted(port, port, queues);
    }

    static void write(Path file, String content) {
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The process's id, for the benchmark's account of CPU time. */
    public long pid() {
        return process.pid();
    }

    @Override
    public void close() {
        process.close();
    }
}
