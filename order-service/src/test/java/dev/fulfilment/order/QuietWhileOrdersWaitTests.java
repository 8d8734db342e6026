package dev.fulfilment.order;

import static dev.fulfilment.order.Orders.placeOrder;
import static dev.fulfilment.order.Orders.uniqueCustomer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.fulfilment.order.service.SagaDeadlines;
import dev.fulfilment.outbox.Quiet;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * An order waiting on a reply is work: the saga's deadline check finds it and the service does
 * not rest (outbox Quiet), so its deadlines keep their pace while any order is in flight.
 */
@QuarkusTest
@TestProfile(QuietWhileOrdersWaitTests.ShortRest.class)
class QuietWhileOrdersWaitTests {

    /** At rest a second after the last work; no message received and no relay, so nothing else wakes it. */
    public static class ShortRest implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of(
                    "quiet.enabled", "true",
                    "quiet.after", "1s",
                    "quiet.window", "10ms",
                    "quiet.interval", "1h",
                    "messaging.consumer.enabled", "false",
                    "outbox.relay-enabled", "false");
        }
    }

    @Inject
    Quiet quiet;

    @Inject
    SagaDeadlines deadlines;

    @Test
    void anOrderInFlightEndsTheRestAtTheNextDeadlineCheck() {
        var orderId = placeOrder(uniqueCustomer());
        await().atMost(Duration.ofSeconds(10)).until(() -> !quiet.mayLook());

        deadlines.checkAt(Instant.now());

        assertThat(quiet.mayLook())
                .as("order %s is PENDING: the deadline check keeps the service awake", orderId)
                .isTrue();
    }
}
