package dev.fulfilment.benchmarks.measure;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fulfilment.benchmarks.measure.ServerWaits.Wait;
import dev.fulfilment.benchmarks.measure.ServerWaits.Window;
import dev.fulfilment.devstack.servers.LocalServers.Server;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class ServerWaitsTests {

    private static final Instant T0 = Instant.parse("2026-11-27T10:00:00Z");

    private static Instant at(double millis) {
        return T0.plusNanos((long) (millis * 1_000_000));
    }

    private static Wait read(Server server, String thread, double from, double to) {
        return new Wait(server, thread, true, at(from), at(to));
    }

    private static Wait write(Server server, String thread, double from, double to) {
        return new Wait(server, thread, false, at(from), at(to));
    }

    private static Duration millis(double millis) {
        return Duration.ofNanos((long) (millis * 1_000_000));
    }

    @Test
    void twoServicesWaitingAtOnceCountOnceAndWaitsAreClippedToTheOrder() {
        var window = new Window(at(10), at(50));
        var waits = List.of(
                read(Server.POSTGRES, "executor-thread-1", 5, 12), // begins before the order: 2 ms count
                read(Server.POSTGRES, "outbox-relay", 20, 30),
                read(Server.POSTGRES, "executor-thread-2", 25, 35), // overlaps the relay's: 5 ms more
                read(Server.POSTGRES, "outbox-relay", 48, 60)); // ends after the order: 2 ms count

        assertThat(ServerWaits.unionWithin(waits, window)).isEqualTo(millis(19));
    }

    @Test
    void perOrderAveragesOverTheOrdersAndLeavesTheLongPollsOut() {
        var windows = List.of(new Window(at(0), at(40)), new Window(at(100), at(140)));
        var waits = List.of(
                write(Server.POSTGRES, "executor-thread-1", 1, 1.5),
                read(Server.POSTGRES, "executor-thread-1", 1.5, 3),
                read(Server.SQS, "outbox-relay", 5, 9),
                read(Server.DYNAMODB, "inventory-handler", 12, 16),
                read(Server.SQS, "sqs-poller-order-events-0", 0, 39), // a long poll: waiting for work
                read(Server.POSTGRES, "outbox-relay", 101, 105),
                read(Server.SQS, "outbox-relay", 103, 107), // overlaps PostgreSQL's for "any"
                read(Server.POSTGRES, "executor-thread-1", 60, 70)); // between orders: no order's

        var shares = ServerWaits.perOrder(waits, windows);

        assertThat(shares.byServer().get(Server.POSTGRES).time()).isEqualTo(millis((2 + 4) / 2.0));
        assertThat(shares.byServer().get(Server.POSTGRES).roundTrips()).isEqualTo(1.0);
        assertThat(shares.byServer().get(Server.SQS).time()).isEqualTo(millis((4 + 4) / 2.0));
        assertThat(shares.byServer().get(Server.SQS).roundTrips()).isEqualTo(1.0);
        assertThat(shares.byServer().get(Server.DYNAMODB).time()).isEqualTo(millis(4 / 2.0));
        assertThat(shares.anyServer().time()).isEqualTo(millis((2 + 4 + 4 + 6) / 2.0));
    }
}
