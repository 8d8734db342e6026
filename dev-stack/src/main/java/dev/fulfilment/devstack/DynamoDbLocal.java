package dev.fulfilment.devstack;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * DynamoDB Local, in memory, in a JVM of its own. Tables are created by the service that owns
 * them when it runs with {@code inventory.table.create=true}, as dev-stack and the tests set it.
 */
public final class DynamoDbLocal implements AutoCloseable {

    private final ChildProcess process;
    private final int port;

    private DynamoDbLocal(ChildProcess process, int port) {
        this.process = process;
        this.port = port;
    }

    public static DynamoDbLocal start(Path workDirectory, int port) {
        var command = List.of(
                ChildProcess.javaExecutable(),
                "-Xmx256m",
                "-XX:TieredStopAtLevel=1",
                "--enable-native-access=ALL-UNNAMED",
                "-cp",
                ChildProcess.emulatorClassPath("dynamodb-local.classpath"),
                "com.amazonaws.services.dynamodbv2.local.main.ServerRunner",
                "-inMemory",
                "-port",
                Integer.toString(port));
        var process =
                ChildProcess.start("dynamodb-local", command, Map.of(), workDirectory.resolve("dynamodb-local.log"));
        var dynamoDb = new DynamoDbLocal(process, port);
        // Without credentials it answers 400 (MissingAuthenticationToken): it is up.
        process.awaitHttp(dynamoDb.endpoint(), status -> status > 0, Duration.ofSeconds(60));
        return dynamoDb;
    }

    /** The DynamoDB endpoint, e.g. for quarkus.dynamodb.endpoint-override. */
    public String endpoint() {
        return "http://127.0.0.1:" + port;
    }

    @Override
    public void close() {
        process.close();
    }
}
