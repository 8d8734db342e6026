package dev.fulfilment.benchmarks.measure;

import dev.fulfilment.devstack.servers.LocalServers.Server;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * How much of each order's time some service spent waiting on a server: the union, within the
 * order's window (PENDING to CONFIRMED), of the intervals in which a service thread blocked on a
 * socket to PostgreSQL, SQS or DynamoDB. A union, not a sum: two services waiting at once count
 * once. The SQS pollers' calls are left out: a long poll waits for work, it is not work, and
 * the deletes that follow a handled message are not on the order's way.
 */
public final class ServerWaits {

    /** SqsConsumer's threads: their long polls wait for work, not for an answer. */
    static final String POLLER_THREAD_PREFIX = "sqs-poller-";

    /**
     * One blocking socket call of a service.
     *
     * @param read a read (waiting for an answer: one per round trip); else a write
     */
    public record Wait(Server server, String thread, boolean read, Instant start, Instant end) {}

    /** One order, from its PENDING entry to its CONFIRMED entry. */
    public record Window(Instant start, Instant end) {}

    /**
     * What the orders waited on one server.
     *
     * @param roundTrips reads that began inside a window, per order
     * @param time the union of its waits inside the windows, per order
     */
    public record Share(double roundTrips, Duration time) {}

    /**
     * What an order waited on average.
     *
     * @param byServer on each server
     * @param anyServer on at least one of them
     */
    public record Shares(Map<Server, Share> byServer, Share anyServer) {}

    public static Shares perOrder(List<Wait> waits, List<Window> windows) {
        if (windows.isEmpty()) {
            throw new IllegalArgumentException("no orders");
        }
        var relevant = waits.stream()
                .filter(wait -> !wait.thread().startsWith(POLLER_THREAD_PREFIX))
                .toList();
        var byServer = new EnumMap<Server, Share>(Server.class);
        for (var server : Server.values()) {
            byServer.put(
                    server,
                    share(
                            relevant.stream()
                                    .filter(wait -> wait.server() == server)
                                    .toList(),
                            windows));
        }
        return new Shares(byServer, share(relevant, windows));
    }

    private static Share share(List<Wait> waits, List<Window> windows) {
        long roundTrips = 0;
        var time = Duration.ZERO;
        for (var window : windows) {
            roundTrips += waits.stream()
                    .filter(Wait::read)
                    .filter(wait -> !wait.start().isBefore(window.start())
                            && wait.start().isBefore(window.end()))
                    .count();
            time = time.plus(unionWithin(waits, window));
        }
        return new Share((double) roundTrips / windows.size(), time.dividedBy(windows.size()));
    }

    /** The length of the union of the waits, each clipped to the window. */
    static Duration unionWithin(List<Wait> waits, Window window) {
        var clipped = new ArrayList<Window>();
        for (var wait : waits) {
            var start = wait.start().isAfter(window.start()) ? wait.start() : window.start();
            var end = wait.end().isBefore(window.end()) ? wait.end() : window.end();
            if (start.isBefore(end)) {
                clipped.add(new Window(start, end));
            }
        }
        clipped.sort(Comparator.comparing(Window::start));
        var total = Duration.ZERO;
        Instant coveredUntil = null;
        for (var interval : clipped) {
            if (coveredUntil == null || !interval.start().isBefore(coveredUntil)) {
                total = total.plus(Duration.between(interval.start(), interval.end()));
                coveredUntil = interval.end();
            } else if (interval.end().isAfter(coveredUntil)) {
                total = total.plus(Duration.between(coveredUntil, interval.end()));
                coveredUntil = interval.end();
            }
        }
        return total;
    }

    private ServerWaits() {}
}
