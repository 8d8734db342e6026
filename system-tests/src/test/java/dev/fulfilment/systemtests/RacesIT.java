package dev.fulfilment.systemtests;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A customer's cancel racing the saga's replies and the warehouse's dispatch, with random
 * timing, many times over: every order ends in one of the legal ways, and the stock adds up.
 */
@ExtendWith(RunningSystem.class)
class RacesIT {

    private static final int ORDERS = 40;
    private static final int RACING_AT_ONCE = 4;

    private final RunningSystem system;
    private final Shop shop;

    RacesIT(RunningSystem system) {
        this.system = system;
        this.shop = new Shop(system);
    }

    /** What the customer's cancel answered, and what the warehouse's dispatch did. */
    record Race(UUID orderId, int cancelStatus, boolean dispatched) {}

    @Test
    void cancelRacingReservationSchedulingAndDispatchAlwaysEndsLegallyWithStockConserved() throws Exception {
        var stocked = 1_000L;
        var sku = shop.newProduct(stocked);
        var races = new ArrayList<java.util.concurrent.Future<Race>>();
        // A few at a time: the races are between the messages of one order, not a load test.
        try (var executor = Executors.newFixedThreadPool(RACING_AT_ONCE)) {
            for (int i = 0; i < ORDERS; i++) {
                races.add(executor.submit(() -> race(sku)));
            }
        }
        var outcomes = new ArrayList<Race>();
        for (var race : races) {
            outcomes.add(race.get());
        }
        var orderIds = outcomes.stream().map(Race::orderId).toList();
        shop.awaitStatusIn(orderIds, Set.of("CANCELLED", "SHIPPED"), Duration.ofSeconds(90));

        var shipped = 0L;
        for (var outcome : outcomes) {
            var status = shop.status(outcome.orderId());
            var shipments = shop.shipmentOf(outcome.orderId())
                    .then()
                    .extract()
                    .jsonPath()
                    .getList("status", String.class);
            if (status.equals("CANCELLED")) {
                assertThat(shipments)
                        .as("shipment of cancelled order %s", outcome.orderId())
                        .isSubsetOf("CANCELLED");
                assertThat(outcome.cancelStatus()).isEqualTo(202);
            } else {
                shipped++;
                assertThat(shipments)
                        .as("shipment of shipped order %s", outcome.orderId())
                        .containsExactly("DISPATCHED");
                assertThat(outcome.dispatched()).isTrue();
                assertThat(outcome.cancelStatus())
                        .as("cancel of shipped order %s", outcome.orderId())
                        .isIn(202, 409);
            }
        }
        var stock = shop.stock(sku);
        assertThat(stock.available() + stock.reserved()).isEqualTo(stocked);
        assertThat(stock.reserved())
                .as("units held by the %d shipped orders", shipped)
                .isEqualTo(shipped);
        System.out.printf(
                "%d races of cancel against the saga and dispatch: %d shipped, %d cancelled%n",
                ORDERS, shipped, ORDERS - shipped);
        assertThat(shipped).as("races the dispatch won").isPositive();
        assertThat(ORDERS - shipped).as("races the cancel won").isPositive();
    }

    private Race race(String sku) throws Exception {
        var random = ThreadLocalRandom.current();
        var orderId = shop.placeOrder(sku, 1);
        // Platform threads, not virtual ones: REST Assured loads Groovy classes on first use, and
        // class loading pins a virtual thread to its carrier. On two cores a cold JVM deadlocked
        // here: both carriers held by virtual threads waiting for a class loader's lock, whose
        // holder waited for a jar file's lock held by a virtual thread with no carrier left.
        try (var executor =
                Executors.newThreadPerTaskExecutor(Thread.ofPlatform().factory())) {
            var early = random.nextBoolean();
            var cancel = executor.submit(() -> {
                if (early) {
                    // racing the reservation and the scheduling
                    Thread.sleep(random.nextInt(0, 200));
                } else {
                    // racing the dispatch, once there is a shipment to dispatch
                    awaitShipment(orderId);
                    Thread.sleep(random.nextInt(0, 30));
                }
                return shop.cancel(orderId).statusCode();
            });
            var dispatch = executor.submit(() -> dispatchWhenScheduled(orderId, random.nextInt(0, 30)));
            return new Race(orderId, cancel.get(), dispatch.get());
        }
    }

    private void awaitShipment(UUID orderId) throws InterruptedException {
        var deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (System.nanoTime() < deadline && shipmentIds(orderId).isEmpty()) {
            Thread.sleep(25);
        }
    }

    /** The warehouse dispatches the order's shipment as soon as there is one; false if it never could. */
    private boolean dispatchWhenScheduled(UUID orderId, int delayMillis) throws InterruptedException {
        Thread.sleep(delayMillis);
        var deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (System.nanoTime() < deadline) {
            var ids = shipmentIds(orderId);
            if (!ids.isEmpty()) {
                var status = shop.dispatch(ids.getFirst()).statusCode();
                if (status != 503) {
                    return status == 200;
                }
            }
            Thread.sleep(25);
        }
        return false;
    }

    /** The order's shipment ids; none yet, or none while shipping-service is too busy to answer. */
    private List<String> shipmentIds(UUID orderId) {
        var response = shop.shipmentOf(orderId);
        if (response.statusCode() == 503) {
            return List.of();
        }
        response.then().statusCode(200);
        return response.jsonPath().getList("id", String.class);
    }

    @Test
    void aHotProductSellingOutUnderLoadConfirmsExactlyItsStockAndRejectsTheRestWhole() throws Exception {
        var hotStock = 60;
        var hot = shop.newProduct(hotStock);
        var others = IntStream.range(0, 8).mapToObj(i -> shop.newProduct(1_000)).toList();
        // Every order takes one unit of the hot product and one of another: half of all lines
        // are on one item, and it sells out a third of the way through.
        List<UUID> orderIds;
        try (var clients = Executors.newFixedThreadPool(16)) {
            var placing = IntStream.range(0, 180)
                    .mapToObj(i -> clients.submit(() -> {
                        var customer = "hot-" + UUID.randomUUID();
                        var response = shop.place(
                                customer,
                                """
                                {"lines":[{"sku":"%s","quantity":1},{"sku":"%s","quantity":1}],
                                 "shippingAddress":{"recipient":"Grace Hopper","line1":"1 Navy Yard",
                                 "city":"Arlington","postalCode":"22202","country":"US"}}""".formatted(hot, others.get(i % others.size())),
                                UUID.randomUUID().toString());
                        response.then().statusCode(202);
                        var id = UUID.fromString(response.path("id"));
                        shop.remember(id, customer);
                        return id;
                    }))
                    .toList();
            orderIds = new ArrayList<>();
            for (var order : placing) {
                orderIds.add(order.get());
            }
        }
        shop.awaitStatusIn(orderIds, Set.of("CONFIRMED", "REJECTED"), Duration.ofSeconds(120));

        var confirmedLines = new java.util.HashMap<String, Long>();
        var confirmed = 0;
        for (var id : orderIds) {
            var order = shop.order(id).then().statusCode(200).extract().jsonPath();
            if (order.getString("status").equals("CONFIRMED")) {
                confirmed++;
                for (String sku : order.<String>getList("lines.sku")) {
                    confirmedLines.merge(sku, 1L, Long::sum);
                }
            }
        }
        assertThat(confirmed).as("orders confirmed, the hot product's stock").isEqualTo(hotStock);
        assertThat(shop.stock(hot)).isEqualTo(new Shop.Stock(0, hotStock));
        for (var sku : others) {
            assertThat(shop.stock(sku))
                    .as("%s: a rejected order holds none of it, a confirmed one a unit", sku)
                    .isEqualTo(new Shop.Stock(
                            1_000 - confirmedLines.getOrDefault(sku, 0L), confirmedLines.getOrDefault(sku, 0L)));
        }
        assertThat(system.deadLetterCount()).isZero();
    }
}
