package dev.fulfilment.devstack.servers;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fulfilment.devstack.process.FreePort;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class PrivatePostgresClusterTests {

    @Test
    void withNothingConfiguredTheClusterRunsTheMajorVersionAuroraRunsFromMavenCentral() throws Exception {
        // Not a JUnit temporary folder: those are private to root, and the server may run as postgres.
        var directory =
                Path.of("target", "cluster-tests", UUID.randomUUID().toString()).toAbsolutePath();
        assertThat(PostgresBinaries.bundled())
                .as("binaries for " + PostgresBinaries.archiveName())
                .isPresent();

        try (var server = PostgresServer.startOrConnect(Map.of(), directory.resolve("pg"), FreePort.pick(), true)) {
            server.createDatabase("version_check");
            try (var connection = DriverManager.getConnection(
                            server.jdbcUrl("version_check"), server.username(), server.password());
                    var result = connection.createStatement().executeQuery("SHOW server_version_num")) {
                result.next();
                assertThat(result.getInt(1) / 10_000).isEqualTo(auroraMajorVersion());
            }
        }
        assertThat(Files.exists(directory.resolve("pg")))
                .as("a disposable cluster's files are deleted")
                .isFalse();
    }

    /** The major version Terraform creates Aurora PostgreSQL with (terraform/modules/data). */
    private static int auroraMajorVersion() throws java.io.IOException {
        var variables = Files.readString(Path.of("../terraform/modules/data/variables.tf"));
        var matcher = java.util.regex.Pattern.compile(
                        "variable \"engine_major_version\" \\{[^}]*default\\s*=\\s*\"(\\d+)\"")
                .matcher(variables);
        assertThat(matcher.find())
                .as("engine_major_version's default in terraform/modules/data")
                .isTrue();
        return Integer.parseInt(matcher.group(1));
    }
}
