package dev.fulfilment.devstack.servers;

import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Map;

/**
 * The PostgreSQL server the services use: one named by the usual Quarkus settings when they
 * are set; else a private cluster that this project creates and runs from the installed
 * PostgreSQL binaries; else, where a Docker engine runs, a container through Testcontainers.
 */
public sealed interface PostgresServer extends AutoCloseable
        permits ConfiguredPostgres, PrivatePostgresCluster, ContainerPostgres {

    String host();

    int port();

    String username();

    String password();

    default String jdbcUrl(String database) {
        return "jdbc:postgresql://" + host() + ":" + port() + "/" + database;
    }

    /** Creates the database unless it exists. */
    default void createDatabase(String database) {
        requireSimpleName(database);
        try (var connection = DriverManager.getConnection(jdbcUrl("postgres"), username(), password());
                var statement = connection.createStatement()) {
            var exists = statement.executeQuery("SELECT 1 FROM pg_database WHERE datname = '" + database + "'");
            if (!exists.next()) {
                statement.execute("CREATE DATABASE " + database);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create database " + database + " on " + jdbcUrl("postgres"), e);
        }
    }

    default void dropDatabase(String database) {
        requireSimpleName(database);
        try (var connection = DriverManager.getConnection(jdbcUrl("postgres"), username(), password());
                var statement = connection.createStatement()) {
            statement.execute("DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
        } catch (SQLException e) {
            throw new IllegalStateException("cannot drop database " + database, e);
        }
    }

    @Override
    void close();

    /**
     * The server the services use: the one named by QUARKUS_DATASOURCE_JDBC_URL if set; else a
     * private cluster in the directory, listening on the port, run from {@link PostgresBinaries};
     * else, where a Docker engine runs, a container.
     *
     * @param disposable tune the server for tests (no fsync) and delete its files on close
     */
    static PostgresServer startOrConnect(
            Map<String, String> environment, Path directory, int port, boolean disposable) {
        var configuredUrl = environment.get("QUARKUS_DATASOURCE_JDBC_URL");
        if (configuredUrl != null && !configuredUrl.isBlank()) {
            return ConfiguredPostgres.fromEnvironment(environment);
        }
        var binaries = PostgresBinaries.find(environment);
        if (binaries.isPresent()) {
            return PrivatePostgresCluster.start(binaries.get(), directory, port, disposable);
        }
        if (ContainerPostgres.dockerIsAvailable()) {
            return ContainerPostgres.start();
        }
        throw new IllegalStateException("""
                No PostgreSQL to use: no server is configured, this build has no PostgreSQL binaries for %s
                (Maven Central's io.zonky.test.postgres binaries cover Linux and macOS on x86_64 and arm64), and no Docker engine runs.
                Point to binaries (PG_BINDIR=/usr/lib/postgresql/16/bin), start Docker, or name a running server:
                QUARKUS_DATASOURCE_JDBC_URL=jdbc:postgresql://host:5432/postgres with QUARKUS_DATASOURCE_USERNAME and
                QUARKUS_DATASOURCE_PASSWORD of a user that may create databases.""".formatted(PostgresBinaries.archiveName()));
    }

    private static void requireSimpleName(String database) {
        if (!database.matches("[a-z][a-z0-9_]{0,62}")) {
            throw new IllegalArgumentException("not a plain database name: " + database);
        }
    }
}
