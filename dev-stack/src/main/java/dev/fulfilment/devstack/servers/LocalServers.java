package dev.fulfilment.devstack.servers;

import dev.fulfilment.devstack.process.FreePort;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executors;

/**
 * The servers the services need, started side by side: PostgreSQL, ElasticMQ and the DynamoDB
 * emulator. The services' tests start the ones they need; dev-stack and the system tests start
 * all three.
 */
public final class LocalServers implements AutoCloseable {

    public enum Server {
        POSTGRES,
        SQS,
        DYNAMODB
    }

    /**
     * How the services reach a server: straight to its port, or through another port in between
     * (the system tests' fault proxies, which cut connections on purpose).
     */
    @FunctionalInterface
    public interface Route {

        /** The services connect to the servers themselves. */
        Route DIRECT = (server, serverPort) -> serverPort;

        /** The local port the services connect to, for the server listening on serverPort. */
        int port(Server server, int serverPort);
    }

    /** Ports of the servers; 0 picks a free one. */
    public record Ports(int postgres, int sqs, int dynamoDb) {
        public static Ports free() {
            return new Ports(0, 0, 0);
        }
    }

    private final PostgresServer postgres;
    private final ElasticMq sqs;
    private final DynamoDbEmulator dynamoDb;

    private LocalServers(PostgresServer postgres, ElasticMq sqs, DynamoDbEmulator dynamoDb) {
        this.postgres = postgres;
        this.sqs = sqs;
        this.dynamoDb = dynamoDb;
    }

    /**
     * Starts the servers asked for, in parallel.
     *
     * @param disposable for tests: PostgreSQL skips fsync and its files are deleted at the end
     */
    public static LocalServers start(Set<Server> servers, Path workDirectory, Ports ports, boolean disposable) {
        try (var executor = Executors.newVirtualThreadPerTaskExecutor()) {
            var postgres = CompletableFuture.supplyAsync(
                    () -> servers.contains(Server.POSTGRES)
                            ? PostgresServer.startOrConnect(
                                    System.getenv(),
                                    workDirectory.resolve("postgres"),
                                    portOrFree(ports.postgres()),
                                    disposable)
                            : null,
                    executor);
            var sqs = CompletableFuture.supplyAsync(
                    () -> servers.contains(Server.SQS) ? ElasticMq.start(workDirectory, portOrFree(ports.sqs())) : null,
                    executor);
            var dynamoDb = CompletableFuture.supplyAsync(
                    () -> servers.contains(Server.DYNAMODB)
                            ? DynamoDbEmulator.start(workDirectory, portOrFree(ports.dynamoDb()), !disposable)
                            : null,
                    executor);
            return new LocalServers(postgres.join(), sqs.join(), dynamoDb.join());
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException cause ? cause : e;
        }
    }

    /** Servers for one test run: free ports and a fresh directory under the build folder. */
    public static LocalServers startForTests(Set<Server> servers) {
        var directory =
                Path.of("target", "local-servers", UUID.randomUUID().toString().substring(0, 8));
        return start(servers, directory.toAbsolutePath(), Ports.free(), true);
    }

    public Optional<PostgresServer> postgres() {
        return Optional.ofNullable(postgres);
    }

    public Optional<ElasticMq> sqs() {
        return Optional.ofNullable(sqs);
    }

    public Optional<DynamoDbEmulator> dynamoDb() {
        return Optional.ofNullable(dynamoDb);
    }

    /**
     * The Quarkus configuration that points a service at these servers.
     *
     * @param database the service's database, created if missing; null for a service without one
     * @param route how the service reaches each server
     */
    public Map<String, String> serviceConfiguration(String database, Route route) {
        var config = new LinkedHashMap<String, String>();
        if (database != null) {
            var server = postgres().orElseThrow(() -> new IllegalStateException("PostgreSQL was not started"));
            server.createDatabase(database);
            var port = route.port(Server.POSTGRES, server.port());
            config.put(
                    "quarkus.datasource.jdbc.url",
                    port == server.port()
                            ? server.jdbcUrl(database)
                            : "jdbc:postgresql://127.0.0.1:" + port + "/" + database);
            config.put("quarkus.datasource.username", server.username());
            config.put("quarkus.datasource.password", server.password());
        }
        sqs().ifPresent(server -> config.putAll(
                awsClientConfiguration("sqs", loopback(route.port(Server.SQS, portOf(server.endpoint()))))));
        dynamoDb()
                .ifPresent(server -> config.putAll(awsClientConfiguration(
                        "dynamodb", loopback(route.port(Server.DYNAMODB, portOf(server.endpoint()))))));
        return config;
    }

    /** The configuration that points a service straight at these servers. */
    public Map<String, String> serviceConfiguration(String database) {
        return serviceConfiguration(database, Route.DIRECT);
    }

    private static String loopback(int port) {
        return "http://127.0.0.1:" + port;
    }

    private static int portOf(String endpoint) {
        return java.net.URI.create(endpoint).getPort();
    }

    private static Map<String, String> awsClientConfiguration(String client, String endpoint) {
        // The emulators accept any signature; static dummy credentials keep the SDK from
        // looking for real ones.
        var prefix = "quarkus." + client + ".";
        return Map.of(
                prefix + "endpoint-override", endpoint,
                prefix + "aws.region", "us-east-1",
                prefix + "aws.credentials.type", "static",
                prefix + "aws.credentials.static-provider.access-key-id", "local",
                prefix + "aws.credentials.static-provider.secret-access-key", "local");
    }

    /** MY_PROPERTY style names, as the services read them from the environment. */
    public static Map<String, String> asEnvironment(Map<String, String> configuration) {
        var environment = new LinkedHashMap<String, String>();
        configuration.forEach((name, value) ->
                environment.put(name.toUpperCase(java.util.Locale.ROOT).replaceAll("[^A-Z0-9]", "_"), value));
        return environment;
    }

    private static int portOrFree(int port) {
        return port == 0 ? FreePort.pick() : port;
    }

    @Override
    public void close() {
        if (sqs != null) {
            sqs.close();
        }
        if (dynamoDb != null) {
            dynamoDb.close();
        }
        if (postgres != null) {
            postgres.close();
        }
    }
}
