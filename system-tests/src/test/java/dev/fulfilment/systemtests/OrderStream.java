package dev.fulfilment.systemtests;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A steady stream of orders, one every so often whatever the answers take (open loop), as
 * customers keep ordering while something breaks. It records every answer: which orders were
 * accepted, the status of every other answer, and when each came.
 */
final class OrderStream implements AutoCloseable {

    /** One answer to POST /orders. */
    record Answer(Instant at, int status, String retryAfter, String body, UUID orderId) {}

    /** The status recorded for a request that got no HTTP answer at all. */
    static final int NO_ANSWER = -1;

    private static final Duration ASKS_AGAIN_FOR = Duration.ofSeconds(30);
    private static final Duration FIRST_NO_ANSWER_PAUSE = Duration.ofMillis(200);
    private static final Duration LONGEST_NO_ANSWER_PAUSE = Duration.ofSeconds(2);

    private final Shop shop;
    private final String sku;
    private final Duration interval;
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final ConcurrentLinkedQueue<Answer> answers = new ConcurrentLinkedQueue<>();
    /** Platform threads: see RacesIT.race for what virtual threads did with REST Assured. */
    private final ExecutorService requests =
            Executors.newThreadPerTaskExecutor(Thread.ofPlatform().factory());

    private final ConcurrentLinkedQueue<Future<?>> placements = new ConcurrentLinkedQueue<>();
    private final Thread pacer;

    private OrderStream(Shop shop, String sku, int perSecond) {
        this.shop = shop;
        this.sku = sku;
        this.interval = Duration.ofMillis(1000 / perSecond);
        this.pacer = Thread.ofPlatform().name("order-stream").start(this::pace);
    }

    /** Starts placing orders of one unit of the sku, this many a second. */
    static OrderStream start(Shop shop, String sku, int perSecond) {
        return new OrderStream(shop, sku, perSecond);
    }

    private void pace() {
        var next = System.nanoTime();
        while (running.get()) {
            placements.add(requests.submit(this::placeOne));
            next += interval.toNanos();
            var wait = next - System.nanoTime();
            if (wait > 0) {
                try {
                    Thread.sleep(Duration.ofNanos(wait));
                } catch (InterruptedException e) {
                    return;
                }
            }
        }
    }

    /**
     * Places one order. Without an answer (the connection refused or reset while order-service
     * restarts) the customer cannot know whether the order was taken, so it asks again with
     * the same Idempotency-Key, as a client should: the order is placed once either way. It
     * waits twice as long before each new attempt (0.2 s up to 2 s): a stream's worth of
     * customers asking every 0.2 s would load the machine more than the orders do. A 503 is
     * asked again after its Retry-After, as the API tells clients to.
     */
    private void placeOne() {
        var customer = "stream-" + UUID.randomUUID();
        var idempotencyKey = UUID.randomUUID().toString();
        var deadline = Instant.now().plus(ASKS_AGAIN_FOR);
        var pause = FIRST_NO_ANSWER_PAUSE;
        while (true) {
            try {
                var response = shop.place(customer, Shop.orderBody(sku, 1), idempotencyKey);
                var id = response.statusCode() == 202 ? UUID.fromString(response.path("id")) : null;
                if (id != null) {
                    shop.remember(id, customer);
                }
                var retryAfter = response.header("Retry-After");
                answers.add(new Answer(Instant.now(), response.statusCode(), retryAfter, response.asString(), id));
                if (response.statusCode() != 503
                        || retryAfter == null
                        || Instant.now().isAfter(deadline)) {
                    return;
                }
                // Told to come back later: the same key again after the time the service named.
                Thread.sleep(Duration.ofSeconds(Long.parseLong(retryAfter)));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (Exception e) {
                // REST Assured rethrows I/O failures as they are, checked ones included, though
                // no signature declares them: a connection reset is a java.net.SocketException
                // here, not a RuntimeException, and must not end the customer's attempts.
                answers.add(new Answer(Instant.now(), NO_ANSWER, null, e.toString(), null));
                if (Instant.now().isAfter(deadline)) {
                    return;
                }
                try {
                    Thread.sleep(pause);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    return;
                }
                pause = pause.multipliedBy(2).compareTo(LONGEST_NO_ANSWER_PAUSE) < 0
                        ? pause.multipliedBy(2)
                        : LONGEST_NO_ANSWER_PAUSE;
            }
        }
    }

    /** Stops placing and waits for the answers of the requests under way. */
    @Override
    public void close() {
        running.set(false);
        pacer.interrupt();
        try {
            pacer.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        requests.close();
        // A placement that died would be an order the stream cannot account for.
        for (var placement : placements) {
            if (placement.state() == Future.State.FAILED) {
                throw new AssertionError("placing an order failed outside its answers", placement.exceptionNow());
            }
        }
    }

    List<UUID> accepted() {
        return answers.stream()
                .filter(a -> a.orderId() != null)
                .map(Answer::orderId)
                .toList();
    }

    List<Answer> answers() {
        return new ArrayList<>(answers);
    }

    /** How many answers of each status, for failure messages. */
    Map<Integer, Long> statusCounts() {
        var counts = new TreeMap<Integer, Long>();
        answers.forEach(a -> counts.merge(a.status(), 1L, Long::sum));
        return counts;
    }

    /** The first answer after the moment that accepted an order, or null. */
    Answer firstAcceptedAfter(Instant moment) {
        return answers.stream()
                .filter(a -> a.orderId() != null && !a.at().isBefore(moment))
                .min((a, b) -> a.at().compareTo(b.at()))
                .orElse(null);
    }
}
