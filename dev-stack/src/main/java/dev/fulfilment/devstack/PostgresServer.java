package dev.fulfilment.devstack;

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
     * The configured server if QUARKUS_DATASOURCE_JDBC_URL is set, else a private cluster in
     * the directory, listening on the port.
     *
     * @param disposable tune the private cluster for tests (no fsync) and delete it on close
     */
    static PostgresServer startOrConnect(
            Map<String, String> environment, Path directory, int port, boolean disposable) {
        var configuredUrl = environment.get("QUARKUS_DATASOURCE_JDBC_URL");
        if (configuredUrl != null && !configuredUrl.isBlank()) {
            return ConfiguredPostgres.fromEnvironment(environment);
        }
        return PrivatePostgresCluster.start(directory, port, disposable);
    }

    private static void requireSimpleName(String database) {
        if (!database.matches("[a-z][a-z0-9_]{0,62}")) {
            throw new IllegalArgumentException("not a plain database name: " + database);
        }
    }
}
