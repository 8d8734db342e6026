package dev.fulfilment.devstack.servers;

import java.net.URI;
import java.util.Map;

/** A PostgreSQL server that someone else runs, named by QUARKUS_DATASOURCE_* variables. */
public record ConfiguredPostgres(String host, int port, String username, String password) implements PostgresServer {

    static ConfiguredPostgres fromEnvironment(Map<String, String> environment) {
        var jdbcUrl = environment.get("QUARKUS_DATASOURCE_JDBC_URL");
        if (!jdbcUrl.startsWith("jdbc:postgresql://")) {
            throw new IllegalArgumentException(
                    "QUARKUS_DATASOURCE_JDBC_URL must be a jdbc:postgresql:// URL: " + jdbcUrl);
        }
        var uri = URI.create(jdbcUrl.substring("jdbc:".length()));
        return new ConfiguredPostgres(
                uri.getHost(),
                uri.getPort() > 0 ? uri.getPort() : 5432,
                environment.getOrDefault("QUARKUS_DATASOURCE_USERNAME", "postgres"),
                environment.getOrDefault("QUARKUS_DATASOURCE_PASSWORD", ""));
    }

    @Override
    public void close() {
        // Not ours to stop.
    }
}
