package dev.fulfilment.inventory.reservation;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.fulfilment.contracts.messages.OrderLine;
import dev.fulfilment.contracts.messages.ReservedLine;
import dev.fulfilment.inventory.InventoryConfig;
import dev.fulfilment.inventory.product.Product;
import dev.fulfilment.inventory.product.ProductRepository;
import jakarta.enterprise.context.ApplicationScoped;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Decides an order's reservation once and for all, however often and however concurrently it
 * is asked. Every write is conditional on the order having no decision yet; a command whose
 * write meets one (it lost a race, or SQS delivered it again) reads it and ends with the
 * decision that won. The prices are read with the stock and fixed in the reservation: the
 * transaction holds only while they are still the products' prices.
 *
 * <p>The first attempt at an order whose products were all read before is made at the prices
 * read last, without reading again: the transaction's conditions (the product exists, has the
 * units, still has that price) decide exactly as after a fresh read, and when one fails the
 * next attempt reads. So the usual order costs DynamoDB one request, the transaction, instead
 * of two; a price changed since, or stock run out, costs one attempt more.
 */
@ApplicationScoped
public class ReservationService {

    /** Tries before giving the message back to SQS, when other transactions keep conflicting. */
    static final int MAX_ATTEMPTS = 10;
    /** Items DynamoDB takes in one transaction: orders reserved together stay within it. */
    static final int MAX_ITEMS_TOGETHER = 100;
    /** Tries of orders reserved together while other transactions conflict, before each goes alone. */
    static final int ATTEMPTS_TOGETHER = 3;
    /** Products whose last read price is kept: far more than a day's best sellers, a few MB. */
    static final int PRICES_KEPT = 20_000;

    private final ReservationStore store;
    private final ProductRepository products;
    private final String currency;

    private final ReservationMetrics metrics;
    private final Cache<String, BigDecimal> lastReadPrices =
            Caffeine.newBuilder().maximumSize(PRICES_KEPT).build();

    ReservationService(
            ReservationStore store, ProductRepository products, InventoryConfig config, ReservationMetrics metrics) {
        this.metrics = metrics;
        this.store = store;
        this.products = products;
        this.currency = config.currency();
    }

    /** Reserves every line or none; the result says which, why not, and at what prices. */
    public Reservation reserveAllOrNothing(UUID orderId, List<OrderLine> lines) {
        var merged = mergeLinesOfTheSameSku(lines);
        for (int attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
            // The first attempt goes straight to the stock: every write below is conditional on
            // the order having no reservation yet, so a command seen before fails its write on
            // the decision already there, and the next attempt reads that decision. A first
            // delivery, by far the usual case, saves a read.
            if (attempt > 1) {
                var decided = store.find(orderId);
                if (decided.isPresent()) {
                    return decided.get();
                }
            }
            // The first attempt also goes at the prices last read, when every product has one:
            // the transaction's conditions decide as after a read, and the next attempt reads.
            var priced = attempt == 1 ? atLastReadPrices(merged) : Optional.<List<ReservedLine>>empty();
            if (priced.isEmpty()) {
                var stock = products.findAll(merged.stream().map(OrderLine::sku).toList());
                stock.values().forEach(product -> lastReadPrices.put(product.sku(), product.unitPrice()));
                var shortage = Shortage.of(merged, stock);
                if (!shortage.isEmpty()) {
                    var rejection = new Reservation(
                            orderId,
                            Reservation.Status.REJECTED,
                            unpriced(merged),
                            null,
                            shortage.describe(),
                            shortage.shortSkus(),
                            shortage.unknownSkus());
                    if (store.recordRejection(rejection) instanceof ReservationStore.Committed) {
                        metrics.rejected(
                                !shortage.shortSkus().isEmpty(),
                                !shortage.unknownSkus().isEmpty());
                        return rejection;
                    }
                    continue; // another command decided first: the next round reads its decision
                }
                priced = Optional.of(merged.stream()
                        .map(line -> new ReservedLine(
                                line.sku(),
                                line.quantity(),
                                stock.get(line.sku()).unitPrice()))
                        .toList());
            }
            switch (store.reserveAllOrNothing(orderId, priced.get(), currency)) {
                case ReservationStore.Committed committed -> {
                    metrics.reserved();
                    return new Reservation(
                            orderId, Reservation.Status.RESERVED, priced.get(), currency, null, List.of(), List.of());
                }
                case ReservationStore.Conflict conflict -> {
                    metrics.conflict("reserve");
                    pauseBeforeRetry(attempt);
                }
                case ReservationStore.ProductChanged changed -> {
                    // stock or a price moved since they were read: the next round reads them
                }
                case ReservationStore.AlreadyDecided alreadyDecided -> {
                    // the next round reads the decision
                }
            }
        }
        throw new IllegalStateException(
                "no reservation decided for order " + orderId + " after " + MAX_ATTEMPTS + " attempts");
    }

    /**
     * Reserves orders together, in one transaction, when that takes fewer writes than one each: a
     * product several of them hold is written once, with their units together (DynamoDB bills a
     * transaction by the items it writes). Only orders that would go first at the prices last
     * read, as {@link #reserveAllOrNothing} does, and under the same conditions: each product
     * exists, has the units of them all and still has that price; each order has no decision yet.
     * All of them or none. A product's condition failing, or a conflict that persists, leaves every
     * order to {@link #reserveAllOrNothing}, which decides it as ever (reads, rejects, finds the
     * decision made before); an order decided before is left to it too, and the others go again.
     *
     * @param orders each order's lines, at most once per order
     * @return the reservations made, by order; the orders missing from it are not decided here
     */
    public Map<UUID, Reservation> reserveTogether(Map<UUID, List<OrderLine>> orders) {
        var prices = new HashMap<String, BigDecimal>();
        var together = new ArrayList<ReservationStore.PricedOrder>();
        var skus = new HashSet<String>();
        for (var order : orders.entrySet()) {
            var lines = mergeLinesOfTheSameSku(order.getValue());
            // One price per sku for the whole transaction: the one read last when the batch began.
            lines.forEach(line -> prices.computeIfAbsent(line.sku(), lastReadPrices::getIfPresent));
            if (lines.stream().anyMatch(line -> prices.get(line.sku()) == null)) {
                continue;
            }
            var newSkus =
                    lines.stream().filter(line -> !skus.contains(line.sku())).count();
            if (together.size() + skus.size() + 1 + newSkus > MAX_ITEMS_TOGETHER) {
                continue;
            }
            lines.forEach(line -> skus.add(line.sku()));
            together.add(new ReservationStore.PricedOrder(
                    order.getKey(),
                    lines.stream()
                            .map(line -> new ReservedLine(line.sku(), line.quantity(), prices.get(line.sku())))
                            .toList()));
        }
        for (int attempt = 1; attempt <= MAX_ATTEMPTS && together.size() > 1; attempt++) {
            if (together.size() + skus.size()
                    >= together.stream()
                            .mapToInt(order -> 1 + order.lines().size())
                            .sum()) {
                return Map.of(); // no product shared: together saves nothing
            }
            switch (store.reserveTogether(together, currency)) {
                case ReservationStore.AllReserved reserved -> {
                    var made = new HashMap<UUID, Reservation>();
                    for (var reservation : reserved.reservations()) {
                        metrics.reserved();
                        made.put(reservation.orderId(), reservation);
                    }
                    return made;
                }
                case ReservationStore.SomeDecided decided -> {
                    together.removeIf(order -> decided.orderIds().contains(order.orderId()));
                    skus.clear();
                    together.forEach(order -> order.lines().forEach(line -> skus.add(line.sku())));
                }
                case ReservationStore.NotReserved(ReservationStore.Conflict conflict) -> {
                    metrics.conflict("reserve");
                    if (attempt >= ATTEMPTS_TOGETHER) {
                        return Map.of();
                    }
                    pauseBeforeRetry(attempt);
                }
                case ReservationStore.NotReserved notReserved -> {
                    return Map.of();
                }
            }
        }
        return Map.of();
    }

    /** The lines at the prices their products were last read with; empty if one was not read yet. */
    private Optional<List<ReservedLine>> atLastReadPrices(List<OrderLine> lines) {
        var priced = new ArrayList<ReservedLine>(lines.size());
        for (var line : lines) {
            var price = lastReadPrices.getIfPresent(line.sku());
            if (price == null) {
                return Optional.empty();
            }
            priced.add(new ReservedLine(line.sku(), line.quantity(), price));
        }
        return Optional.of(priced);
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
                            orderId,
                            Reservation.Status.RELEASED,
                            reservation.lines(),
                            reservation.currency(),
                            null,
                            List.of(),
                            List.of());
                }
                case ReservationStore.Conflict conflict -> {
                    metrics.conflict("release");
                    pauseBeforeRetry(attempt);
                }
                case ReservationStore.ProductChanged changed ->
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

    private static List<ReservedLine> unpriced(List<OrderLine> lines) {
        return lines.stream()
                .map(line -> new ReservedLine(line.sku(), line.quantity(), null))
                .toList();
    }

    /** Which of the lines cannot be reserved now: skus that do not exist, and skus short of units. */
    record Shortage(List<String> shortSkus, List<String> unknownSkus) {

        static Shortage of(List<OrderLine> lines, Map<String, Product> stock) {
            var shortSkus = new ArrayList<String>();
            var unknownSkus = new ArrayList<String>();
            for (var line : lines) {
                var product = stock.get(line.sku());
                if (product == null) {
                    unknownSkus.add(line.sku());
                } else if (product.available() < line.quantity()) {
                    shortSkus.add(line.sku());
                }
            }
            return new Shortage(List.copyOf(shortSkus), List.copyOf(unknownSkus));
        }

        boolean isEmpty() {
            return shortSkus.isEmpty() && unknownSkus.isEmpty();
        }

        /**
         * The reason a person reads in the order's timeline, at most {@value #REASON_LIMIT}
         * characters whatever the order: as many skus as fit, then how many more (the lists of
         * the message name them all).
         */
        String describe() {
            var room = !shortSkus.isEmpty() && !unknownSkus.isEmpty() ? (REASON_LIMIT - 2) / 2 : REASON_LIMIT;
            var parts = new ArrayList<String>();
            if (!shortSkus.isEmpty()) {
                parts.add(naming("not enough stock of ", shortSkus, room));
            }
            if (!unknownSkus.isEmpty()) {
                parts.add(naming("unknown sku ", unknownSkus, room));
            }
            return String.join("; ", parts);
        }

        static final int REASON_LIMIT = 200;

        /** "prefix A, B and 3 more": the most skus that fit in the room. */
        static String naming(String prefix, List<String> skus, int room) {
            for (int named = skus.size(); named > 0; named--) {
                var rest = skus.size() - named;
                var text = prefix
                        + String.join(", ", skus.subList(0, named))
                        + (rest == 0 ? "" : " and " + rest + " more");
                if (text.length() <= room) {
                    return text;
                }
            }
            return prefix.strip() + ": " + skus.size() + " of them";
        }
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
