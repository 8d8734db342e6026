package dev.fulfilment.outbox;

import static org.assertj.core.api.Assertions.assertThat;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.smallrye.health.SmallRyeHealthReporter;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import java.sql.Connection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Readiness says whether the database can serve, and says it within the load balancer's 5 s
 * even when no connection can be had for longer than that.
 */
@QuarkusTest
@TestProfile(DatabaseReadinessTests.SmallPool.class)
class DatabaseReadinessTests {

    /** Two connections, and a request would wait 8 s for one. */
    public static class SmallPool implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of(
                    "quarkus.datasource.jdbc.max-size", "2",
                    "quarkus.datasource.jdbc.acquisition-timeout", "8S");
        }
    }

    @Inject
    AgroalDataSource dataSource;

    @Inject
    SmallRyeHealthReporter health;

    @Test
    void withEveryConnectionTakenReadinessIsDownWithinTheLoadBalancersTimeoutThenUpOnceOneIsFree() throws Exception {
        assertThat(databaseCheck().getString("status")).isEqualTo("UP");
        assertThat(checkNames())
                .as("Quarkus's own check, which waits as long as a request")
                .doesNotContain("Database connections health check");

        var held = new ArrayList<Connection>();
        try {
            held.add(dataSource.getConnection());
            held.add(dataSource.getConnection());
            var asked = System.nanoTime();
            var check = databaseCheck();
            var took = Duration.ofNanos(System.nanoTime() - asked);

            assertThat(check.getString("status")).isEqualTo("DOWN");
            assertThat(check.getJsonObject("data").getString("error")).isEqualTo("no connection within 2000 ms");
            assertThat(took)
                    .as("time readiness took with no connection to be had for 8 s")
                    .isLessThan(Duration.ofSeconds(3));
        } finally {
            for (var connection : held) {
                connection.close();
            }
        }

        // With connections free again, the next check says so at once.
        assertThat(databaseCheck().getString("status")).isEqualTo("UP");
    }

    private java.util.List<String> checkNames() {
        return health.getReadiness().getPayload().getJsonArray("checks").stream()
                .map(check -> ((JsonObject) check).getString("name"))
                .toList();
    }

    private JsonObject databaseCheck() {
        return health.getReadiness().getPayload().getJsonArray("checks").stream()
                .map(JsonObject.class::cast)
                .filter(check -> check.getString("name").equals("database"))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no readiness check named database"));
    }
}
