package dev.fulfilment.inventory.reservation;

import dev.fulfilment.contracts.messages.OrderLine;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Decides an order's reservation once and for all, however often and however concurrently it
 * is asked. Each step re-reads the reservation first, so a command that lost a race, or that
 * SQS delivered again, ends with the decision that won.
 */
@ApplicationScoped
public class ReservationService {

    /** Tries before giving the message back to SQS, when other transactions keep conflicting. */
    static final int MAX_ATTEMPTS = 10;

    private final ReservationStore store;

    ReservationService(ReservationStore store) {
        this.store = store;
    }

    /** Reserves every line or none; the result says which, and why not. */
    public Reservation reserveAllOrNothing(UUID orderId, List<OrderLine> lines) {
        var merged = mergeLinesOfTheSameSku(lines);
        for (int attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
            var decided = store.find(orderId);
            if (decided.isPresent()) {
                return decided.get();
            }
            switch (store.reserveAllOrNothing(orderId, merged)) {
                case ReservationStore.Committed committed -> {
                    return new Reservation(orderId, Reservation.Status.RESERVED, merged, null, List.of(), List.of());
                }
                case ReservationStore.StockConditionFailed failed -> {
                    var shortage = store.shortage(merged);
                    if (!shortage.isEmpty()) {
                        store.recordRejection(
                                orderId, merged, describe(shortage), shortage.shortSkus(), shortage.unknownSkus());
                    }
                    // else the stock changed since: try again
                }
                case ReservationStore.Conflict conflict -> pauseBeforeRetry(attempt);
                case ReservationStore.AlreadyDecided alreadyDecided -> {
                    // the next round reads the decision
                }
            }
        }
        throw new IllegalStateException(
                "no reservation decided for order " + orderId + " after " + MAX_ATTEMPTS + " attempts");
    }

    /** Returns what the order holds to stock; a release before any reserve makes a later reserve reserve nothing. */
    public Reservation release(UUID orderId) {
        for (int attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
            var existing = store.find(orderId);
            if (existing.isEmpty()) {
                store.recordReleaseBeforeReserve(orderId);
                continue;
            }
            var reservation = existing.get();
            if (reservation.status() != Reservation.Status.RESERVED) {
                return reservation;
            }
            switch (store.release(reservation)) {
                case ReservationStore.Committed committed -> {
                    return new Reservation(
                            orderId, Reservation.Status.RELEASED, reservation.lines(), null, List.of(), List.of());
                }
                case ReservationStore.Conflict conflict -> pauseBeforeRetry(attempt);
                case ReservationStore.StockConditionFailed failed ->
                    throw new IllegalStateException(
                            "a product of order " + orderId + " disappeared while it held stock");
                case ReservationStore.AlreadyDecided alreadyDecided -> {
                    // released by a concurrent delivery: the next round sees it
                }
            }
        }
        throw new IllegalStateException("could not release order " + orderId + " after " + MAX_ATTEMPTS + " attempts");
    }

    /** One DynamoDB transaction cannot touch an item twice, so two lines of one sku become one. */
    static List<OrderLine> mergeLinesOfTheSameSku(List<OrderLine> lines) {
        var quantities = new LinkedHashMap<String, Integer>();
        lines.forEach(line -> quantities.merge(line.sku(), line.quantity(), Integer::sum));
        return quantities.entrySet().stream()
                .map(entry -> new OrderLine(entry.getKey(), entry.getValue()))
                .toList();
    }

    private static String describe(ReservationStore.Shortage shortage) {
        var parts = new java.util.ArrayList<String>();
        if (!shortage.shortSkus().isEmpty()) {
            parts.add("not enough stock of " + String.join(", ", shortage.shortSkus()));
        }
        if (!shortage.unknownSkus().isEmpty()) {
            parts.add("unknown sku " + String.join(", ", shortage.unknownSkus()));
        }
        return String.join("; ", parts);
    }

    private static void pauseBeforeRetry(int attempt) {
        var millis = ThreadLocalRandom.current().nextLong(5, 20L * Math.min(attempt, 8));
        try {
            Thread.sleep(Duration.ofMillis(millis));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
