package dev.fulfilment.order;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.fulfilment.contracts.Destination;
import dev.fulfilment.contracts.MessageType;
import dev.fulfilment.contracts.messages.CancelShipment;
import dev.fulfilment.contracts.messages.CreateShipment;
import dev.fulfilment.contracts.messages.InventoryRejected;
import dev.fulfilment.contracts.messages.InventoryReleased;
import dev.fulfilment.contracts.messages.InventoryReserved;
import dev.fulfilment.contracts.messages.MessagePayload;
import dev.fulfilment.contracts.messages.ReleaseInventory;
import dev.fulfilment.contracts.messages.ReserveInventory;
import dev.fulfilment.contracts.messages.ReservedLine;
import dev.fulfilment.contracts.messages.ShipmentCancelRefused;
import dev.fulfilment.contracts.messages.ShipmentCancelled;
import dev.fulfilment.contracts.messages.ShipmentDelivered;
import dev.fulfilment.contracts.messages.ShipmentDispatched;
import dev.fulfilment.contracts.messages.ShipmentScheduled;
import dev.fulfilment.testkit.SamplePayloads;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The saga's rules on an order in memory: which message moves it where, and what it sends. */
class OrderSagaRulesTests {

    private final UUID shipmentId = UUID.randomUUID();

    @Test
    void everyTypeThatTravelsOnOrderEventsIsOneAnOrderUnderstands() {
        for (var type : MessageType.travellingTo(Destination.ORDER_EVENTS)) {
            for (var status : List.of(OrderStatus.PENDING, OrderStatus.CONFIRMED, OrderStatus.CANCELLING)) {
                var order = Order.place("c-1", List.of(new OrderLine("SKU-1", 1)), address(), Instant.now())
                        .order();
                order.status = status;

                assertThat(catchThrowable(() -> apply(order, SamplePayloads.of(type.payloadType()))))
                        .as("%s to an order %s", type, status)
                        .isNull();
            }
        }
    }

    @Test
    void theHappyPathGoesFromPendingToDeliveredSendingReserveThenCreateShipment() {
        var placed = Order.place("c-1", List.of(new OrderLine("SKU-1", 2)), address(), Instant.now());
        var order = placed.order();
        assertThat(placed.command().lines())
                .extracting("sku", "quantity")
                .containsExactly(org.assertj.core.groups.Tuple.tuple("SKU-1", 2));

        assertThat(apply(order, new InventoryReserved(List.of(), null)))
                .singleElement()
                .isInstanceOf(CreateShipment.class);
        assertThat(order.status).isEqualTo(OrderStatus.INVENTORY_RESERVED);
        assertThat(apply(order, new ShipmentScheduled(shipmentId))).isEmpty();
        assertThat(order.status).isEqualTo(OrderStatus.CONFIRMED);
        assertThat(order.shipmentId).isEqualTo(shipmentId);
        apply(order, new ShipmentDispatched(shipmentId));
        assertThat(order.status).isEqualTo(OrderStatus.SHIPPED);
        apply(order, new ShipmentDelivered(shipmentId));
        assertThat(order.status).isEqualTo(OrderStatus.DELIVERED);
        assertThat(order.timeline)
                .extracting(entry -> entry.status)
                .containsExactly(
                        OrderStatus.PENDING,
                        OrderStatus.INVENTORY_RESERVED,
                        OrderStatus.CONFIRMED,
                        OrderStatus.SHIPPED,
                        OrderStatus.DELIVERED);
    }

    @Test
    void lateAndRepeatedMessagesNeverMoveAnOrderBackwards() {
        var order = confirmedOrder();
        apply(order, new ShipmentDelivered(shipmentId));

        assertThat(apply(order, new InventoryReserved(List.of(), null))).isEmpty();
        apply(order, new ShipmentScheduled(shipmentId));
        apply(order, new ShipmentDispatched(shipmentId));
        apply(order, new InventoryRejected("late", List.of(), List.of()));

        assertThat(order.status).isEqualTo(OrderStatus.DELIVERED);
    }

    @Test
    void aDispatchThatOvertakesItsScheduleStillShipsTheOrder() {
        var order = reservedOrder();

        apply(order, new ShipmentDispatched(shipmentId));
        apply(order, new ShipmentScheduled(shipmentId));

        assertThat(order.status).isEqualTo(OrderStatus.SHIPPED);
    }

    @Test
    void aShipmentEventThatOvertakesTheReservationIsActedOnOnceTheStockIsReserved() {
        var order = Order.place("c-1", List.of(new OrderLine("SKU-1", 1)), address(), Instant.now())
                .order();

        apply(order, new ShipmentDispatched(shipmentId));
        assertThat(order.status).isEqualTo(OrderStatus.PENDING);
        apply(order, new InventoryReserved(List.of(), null));

        assertThat(order.status).isEqualTo(OrderStatus.SHIPPED);
        assertThat(order.timeline)
                .extracting(entry -> entry.status)
                .containsExactly(OrderStatus.PENDING, OrderStatus.INVENTORY_RESERVED, OrderStatus.SHIPPED);
    }

    @Test
    void rejectionOnlyRejectsAPendingOrder() {
        var pending = Order.place("c-1", List.of(new OrderLine("SKU-1", 1)), address(), Instant.now())
                .order();
        apply(pending, new InventoryRejected("not enough stock of SKU-1", List.of("SKU-1"), List.of()));
        assertThat(pending.status).isEqualTo(OrderStatus.REJECTED);
        assertThat(pending.rejectionReason).contains("SKU-1");

        var confirmed = confirmedOrder();
        apply(confirmed, new InventoryRejected("late", List.of(), List.of()));
        assertThat(confirmed.status).isEqualTo(OrderStatus.CONFIRMED);
    }

    @Test
    void aRejectionReasonAsLongAsTheContractAllowsFitsTheTimelineMarkedWhereItWasCut() {
        var pending = Order.place("c-1", List.of(new OrderLine("SKU-1", 1)), address(), Instant.now())
                .order();

        apply(pending, new InventoryRejected("x".repeat(500), List.of(), List.of("SKU-1")));

        assertThat(pending.status).isEqualTo(OrderStatus.REJECTED);
        var entry = pending.timeline.getLast().reason;
        assertThat(entry).hasSize(500).startsWith("rejected: xxx").endsWith("\u2026");
        assertThat(pending.rejectionReason).hasSize(500);
    }

    @Test
    void cancellingAPendingOrderReleasesStockAndEndsCancelledOnTheRelease() {
        var order = Order.place("c-1", List.of(new OrderLine("SKU-1", 1)), address(), Instant.now())
                .order();

        assertThat(order.cancel("changed my mind", Instant.now()))
                .singleElement()
                .isInstanceOf(ReleaseInventory.class);
        assertThat(order.status).isEqualTo(OrderStatus.CANCELLING);
        assertThat(apply(order, new InventoryReserved(List.of(), null)))
                .as("a reserve that was already under way")
                .isEmpty();
        apply(order, new InventoryReleased());

        assertThat(order.status).isEqualTo(OrderStatus.CANCELLED);
    }

    @Test
    void cancellingAConfirmedOrderCancelsTheShipmentBeforeReleasingStock() {
        var order = confirmedOrder();

        assertThat(order.cancel("changed my mind", Instant.now()))
                .singleElement()
                .isInstanceOf(CancelShipment.class);
        assertThat(apply(order, new InventoryReleased())).isEmpty();
        assertThat(order.status).as("no release was asked for yet").isEqualTo(OrderStatus.CANCELLING);
        assertThat(apply(order, new ShipmentCancelled(shipmentId)))
                .singleElement()
                .isInstanceOf(ReleaseInventory.class);
        apply(order, new InventoryReleased());

        assertThat(order.status).isEqualTo(OrderStatus.CANCELLED);
    }

    @Test
    void aCancelRefusedBecauseTheShipmentLeftPutsTheOrderWhereTheShipmentIs() {
        var order = confirmedOrder();
        order.cancel("too late?", Instant.now());
        apply(order, new ShipmentDelivered(shipmentId));

        assertThat(apply(order, new ShipmentCancelRefused(shipmentId, "DISPATCHED")))
                .isEmpty();

        assertThat(order.status)
                .as("the delivery seen while cancelling is not forgotten")
                .isEqualTo(OrderStatus.DELIVERED);
    }

    @Test
    void cancellingTwiceSendsNothingMoreAndAShippedOrderCannotBeCancelled() {
        var order = confirmedOrder();
        order.cancel("once", Instant.now());
        assertThat(order.cancel("twice", Instant.now())).isEmpty();

        var shipped = confirmedOrder();
        apply(shipped, new ShipmentDispatched(shipmentId));
        assertThatThrownBy(() -> shipped.cancel("too late", Instant.now()))
                .isInstanceOf(OrderNotCancellableException.class)
                .hasMessageContaining("SHIPPED");
    }

    @Test
    void anOrderPastItsDeadlineSendsTheAwaitedCommandAgainAFewTimesThenIsStuck() {
        var order = Order.place("c-1", List.of(new OrderLine("SKU-1", 1)), address(), Instant.now())
                .order();
        var waited = java.time.Duration.ofSeconds(30);

        assertThat(order.remind(2, waited, Instant.now())).singleElement().isInstanceOf(ReserveInventory.class);
        assertThat(order.remind(2, waited, Instant.now())).singleElement().isInstanceOf(ReserveInventory.class);
        assertThat(order.remind(2, waited, Instant.now())).isEmpty();
        assertThat(order.remind(2, waited, Instant.now())).isEmpty();

        assertThat(order.status).isEqualTo(OrderStatus.PENDING);
        assertThat(order.stuckSince).isNotNull();
        assertThat(order.timeline)
                .extracting(entry -> entry.reason)
                .containsExactly(
                        "order placed",
                        "no reply to ReserveInventory for 30 s; sent again (1 of 2)",
                        "no reply to ReserveInventory for 30 s; sent again (2 of 2)",
                        "stuck: no reply to ReserveInventory after 2 reminders; an operator must look "
                                + "(dead-letter queues, the services' logs)");
    }

    @Test
    void progressGivesTheOrderAFreshDeadlineAndRemindersOfTheNextStep() {
        var order = Order.place("c-1", List.of(new OrderLine("SKU-1", 1)), address(), Instant.now())
                .order();
        order.remind(1, java.time.Duration.ofSeconds(30), Instant.now());
        order.remind(1, java.time.Duration.ofSeconds(30), Instant.now());
        assertThat(order.stuckSince).isNotNull();

        apply(order, new InventoryReserved(List.of(), null));

        assertThat(order.stuckSince).isNull();
        assertThat(order.reminders).isZero();
        assertThat(order.remind(1, java.time.Duration.ofSeconds(30), Instant.now()))
                .singleElement()
                .isInstanceOf(CreateShipment.class);
        var cancelling = confirmedOrder();
        cancelling.cancel("changed my mind", Instant.now());
        assertThat(cancelling.remind(1, java.time.Duration.ofSeconds(60), Instant.now()))
                .singleElement()
                .isInstanceOf(CancelShipment.class);
        apply(cancelling, new ShipmentCancelled(shipmentId));
        assertThat(cancelling.remind(1, java.time.Duration.ofSeconds(60), Instant.now()))
                .singleElement()
                .isInstanceOf(ReleaseInventory.class);
        assertThat(confirmedOrder().remind(1, java.time.Duration.ofSeconds(60), Instant.now()))
                .as("a confirmed order waits on nothing")
                .isEmpty();
    }

    @Test
    void theStuckOrdersAlarmCountsTheLinesThisServiceLogs() throws Exception {
        var alarms = java.nio.file.Files.readString(
                java.nio.file.Path.of("..", "terraform", "modules", "observability", "alarms.tf"));

        assertThat(alarms)
                .contains(
                        "pattern        = \"\\\"" + dev.fulfilment.order.service.SagaDeadlines.STUCK_MARKER + "\\\"\"");
    }

    private Order reservedOrder() {
        var order = Order.place("c-1", List.of(new OrderLine("SKU-1", 1)), address(), Instant.now())
                .order();
        apply(order, new InventoryReserved(List.of(), null));
        return order;
    }

    private Order confirmedOrder() {
        var order = reservedOrder();
        apply(order, new ShipmentScheduled(shipmentId));
        return order;
    }

    private static List<MessagePayload> apply(Order order, MessagePayload event) {
        return order.on(event, UUID.randomUUID(), Instant.now());
    }

    private static ShippingAddress address() {
        return new ShippingAddress("Ada Lovelace", "12 St James's Square", null, "London", "SW1Y 4JH", "GB");
    }

    @Test
    void theReservedPricesAreKeptPerLineAndSumToTheTotal() {
        var order = Order.place(
                        "c-1", List.of(new OrderLine("SKU-1", 2), new OrderLine("SKU-2", 3)), address(), Instant.now())
                .order();
        assertThat(order.total()).isEmpty();

        apply(
                order,
                new InventoryReserved(
                        List.of(
                                new ReservedLine("SKU-2", 3, new BigDecimal("0.10")),
                                new ReservedLine("SKU-1", 2, new BigDecimal("19.99"))),
                        "EUR"));

        assertThat(order.lines)
                .extracting(line -> line.unitPrice)
                .containsExactly(new BigDecimal("19.99"), new BigDecimal("0.10"));
        assertThat(order.total()).contains(new BigDecimal("40.28"));
        assertThat(order.currency).isEqualTo("EUR");
        assertThat(order.timeline.getLast().reason).isEqualTo("stock reserved; prices fixed: 40.28 EUR");
    }
}
