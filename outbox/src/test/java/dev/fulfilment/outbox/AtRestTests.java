package dev.fulfilment.outbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.fulfilment.contracts.messages.InventoryReleased;
import dev.fulfilment.support.messaging.OutgoingMessage;
import dev.fulfilment.testkit.QueueProbe;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * A service at rest leaves its database alone: no open connection, so that Aurora Serverless
 * v2 can pause; and the first work after it is handled at once.
 */
@QuarkusTest
@TestProfile(AtRestTests.ShortRest.class)
class AtRestTests {

    /** The relay polling every 200 ms, at rest after 2 s, idle connections closed after 1 s. */
    public static class ShortRest implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of(
                    "outbox.relay-enabled", "true",
                    "outbox.poll-interval", "200ms",
                    "quiet.enabled", "true",
                    "quiet.after", "2s",
                    "quiet.window", "1s",
                    "quiet.interval", "1h",
                    "quarkus.datasource.jdbc.idle-removal-interval", "1s");
        }
    }

    @Inject
    Outbox outbox;

    @Inject
    SqsClient sqs;

    @Test
    void atRestNoConnectionIsOpenAndTheFirstWorkAfterIsSentAtOnce() throws Exception {
        send(UUID.randomUUID());

        await().atMost(Duration.ofSeconds(20)).until(() -> openConnections() == 0);
        // Several of the relay's polls and a run of the outbox gauges later, still none.
        for (var second = 0; second < 6; second++) {
            Thread.sleep(1_000);
            assertThat(openConnections())
                    .as("connections open after %d s at rest", second + 1)
                    .isZero();
        }

        send(UUID.randomUUID());
    }

    private void send(UUID orderId) {
        QuarkusTransaction.requiringNew()
                .run(() -> outbox.enqueue(OutgoingMessage.caused(orderId, new InventoryReleased())));
        QueueProbe.of(sqs, "order-events").awaitMessage(orderId, "InventoryReleased");
    }

    /** The service's connections to its database, as PostgreSQL sees them (not through its pool). */
    private static long openConnections() throws SQLException {
        var config = ConfigProvider.getConfig();
        try (var connection = DriverManager.getConnection(
                        config.getValue("quarkus.datasource.jdbc.url", String.class),
                        config.getValue("quarkus.datasource.username", String.class),
                        config.getOptionalValue("quarkus.datasource.password", String.class)
                                .orElse(""));
                var statement = connection.prepareStatement("""
                        SELECT count(*) FROM pg_stat_activity
                        WHERE datname = current_database() AND pid <> pg_backend_pid()""");
                var result = statement.executeQuery()) {
            result.next();
            return result.getLong(1);
        }
    }
}
