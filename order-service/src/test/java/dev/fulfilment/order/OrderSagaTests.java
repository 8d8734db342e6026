package dev.fulfilment.order;

import static dev.fulfilment.order.Orders.asCustomer;
import static dev.fulfilment.order.Orders.asOperator;
import static dev.fulfilment.order.Orders.placeOrder;
import static dev.fulfilment.order.Orders.status;
import static dev.fulfilment.order.Orders.uniqueCustomer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.fulfilment.contracts.ContractValidator;
import dev.fulfilment.contracts.MessageType;
import dev.fulfilment.contracts.messages.InventoryReleased;
import dev.fulfilment.contracts.messages.InventoryReserved;
import dev.fulfilment.contracts.messages.MessagePayload;
import dev.fulfilment.contracts.messages.ReservedLine;
import dev.fulfilment.contracts.messages.ShipmentCancelled;
import dev.fulfilment.contracts.messages.ShipmentDelivered;
import dev.fulfilment.contracts.messages.ShipmentDispatched;
import dev.fulfilment.contracts.messages.ShipmentScheduled;
import dev.fulfilment.order.service.SagaDeadlines;
import dev.fulfilment.support.messaging.EnvelopeCodec;
import dev.fulfilment.support.messaging.OutgoingMessage;
import dev.fulfilment.testkit.MetricSamples;
import dev.fulfilment.testkit.QueueProbe;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/** Replies and events sent to the real order-events queue; commands read from the real command queues. */
@QuarkusTest
class OrderSagaTests {

    @Inject
    SqsClient sqs;

    @Inject
    EnvelopeCodec codec;

    @Inject
    SagaDeadlines deadlines;

    // The management interface's root is /q.
    @TestHTTPResource(value = "/metrics", management = true)
    java.net.URL metricsUrl;

    private final ContractValidator contracts = new ContractValidator();

    @Test
    void reservedStockAsksForAShipmentAndAScheduledShipmentConfirms() {
        var orderId = placeOrder(uniqueCustomer());
        var shipmentId = UUID.randomUUID();

        reply(
                orderId,
                new InventoryReserved(List.of(new ReservedLine("KEYBOARD-01", 1, new BigDecimal("89.00"))), "EUR"));
        var createShipment = QueueProbe.of(sqs, "shipping-commands").awaitMessage(orderId, "CreateShipment");
        assertThat(contracts.violations(createShipment.body())).isEmpty();
        assertThat(createShipment.body().at("/payload/shippingAddress/city").asText())
                .isEqualTo("London");
        reply(orderId, new ShipmentScheduled(shipmentId));

        awaitStatus(orderId, "CONFIRMED");
        asOperator()
                .when()
                .get("/orders/" + orderId)
                .then()
                .body("shipmentId", equalTo(shipmentId.toString()))
                .body("timeline.status", equalTo(List.of("PENDING", "INVENTORY_RESERVED", "CONFIRMED")));
    }

    @Test
    void anOrderOfThreeLinesReadsBackEachLineAndEachTimelineEntryOnceInOrder() {
        var orderId = UUID.fromString(Orders.place(uniqueCustomer(), """
                        {"lines":[{"sku":"KEYBOARD-01","quantity":1},{"sku":"MOUSE-01","quantity":2},
                                  {"sku":"USB-C-CABLE","quantity":3}],
                         "shippingAddress":{"recipient":"Ada Lovelace","line1":"1 Road","city":"London",
                                            "postalCode":"N1","country":"GB"}}""")
                .then()
                .statusCode(202)
                .extract()
                .path("id"));

        reply(
                orderId,
                new InventoryReserved(
                        List.of(
                                new ReservedLine("KEYBOARD-01", 1, new BigDecimal("89.00")),
                                new ReservedLine("MOUSE-01", 2, new BigDecimal("29.90")),
                                new ReservedLine("USB-C-CABLE", 3, new BigDecimal("9.90"))),
                        "EUR"));
        awaitStatus(orderId, "INVENTORY_RESERVED");
        reply(orderId, new ShipmentScheduled(UUID.randomUUID()));
        awaitStatus(orderId, "CONFIRMED");

        asOperator()
                .when()
                .get("/orders/" + orderId)
                .then()
                .statusCode(200)
                .body("lines.sku", equalTo(List.of("KEYBOARD-01", "MOUSE-01", "USB-C-CABLE")))
                .body("lines.quantity", equalTo(List.of(1, 2, 3)))
                .body("total", equalTo(178.50f))
                .body("timeline.status", equalTo(List.of("PENDING", "INVENTORY_RESERVED", "CONFIRMED")));
    }

    @Test
    void thePricesTheStockWasReservedAtAreTheOrdersAndMakeItsTotal() {
        var orderId = placeOrder(uniqueCustomer(), "KEYBOARD-01", 3);

        reply(
                orderId,
                new InventoryReserved(List.of(new ReservedLine("KEYBOARD-01", 3, new BigDecimal("89.10"))), "EUR"));

        awaitStatus(orderId, "INVENTORY_RESERVED");
        asOperator()
                .when()
                .get("/orders/" + orderId)
                .then()
                .body("lines[0].unitPrice", equalTo(89.10f))
                .body("lines[0].lineTotal", equalTo(267.30f))
                .body("total", equalTo(267.30f))
                .body("currency", equalTo("EUR"))
                .body("timeline[1].reason", equalTo("stock reserved; prices fixed: 267.30 EUR"));
    }

    @Test
    void aReservationFromAnInventoryServiceThatSendsNoPricesLeavesTheOrderWithoutATotal() {
        var orderId = placeOrder(uniqueCustomer());

        reply(orderId, new InventoryReserved(List.of(new ReservedLine("KEYBOARD-01", 1, null)), null), 1);

        awaitStatus(orderId, "INVENTORY_RESERVED");
        asOperator()
                .when()
                .get("/orders/" + orderId)
                .then()
                .body("total", org.hamcrest.Matchers.nullValue())
                .body("lines[0].unitPrice", org.hamcrest.Matchers.nullValue())
                .body("timeline[1].reason", org.hamcrest.Matchers.startsWith("stock reserved (no prices"));
    }

    @Test
    void aRepeatedMessageTakesEffectOnce() {
        var orderId = placeOrder(uniqueCustomer());
        var reserved = OutgoingMessage.caused(
                orderId,
                new InventoryReserved(List.of(new ReservedLine("KEYBOARD-01", 1, new BigDecimal("89.00"))), "EUR"));

        send(reserved);
        send(reserved);
        awaitStatus(orderId, "INVENTORY_RESERVED");
        reply(orderId, new ShipmentScheduled(UUID.randomUUID()));
        awaitStatus(orderId, "CONFIRMED");

        var shippingCommands = QueueProbe.of(sqs, "shipping-commands");
        shippingCommands.awaitMessage(orderId, "CreateShipment");
        await().during(Duration.ofMillis(500))
                .atMost(Duration.ofSeconds(2))
                .until(() -> shippingCommands
                                .receivedOfType(orderId, "CreateShipment")
                                .size()
                        == 1);
        asOperator()
                .when()
                .get("/orders/" + orderId)
                .then()
                .body("timeline.status", equalTo(List.of("PENDING", "INVENTORY_RESERVED", "CONFIRMED")));
    }

    @Test
    void eventsThatOvertakeEachOtherStillEndDelivered() {
        var orderId = placeOrder(uniqueCustomer());
        var shipmentId = UUID.randomUUID();
        reply(
                orderId,
                new InventoryReserved(List.of(new ReservedLine("KEYBOARD-01", 1, new BigDecimal("89.00"))), "EUR"));
        awaitStatus(orderId, "INVENTORY_RESERVED");

        reply(orderId, new ShipmentDelivered(shipmentId));
        awaitStatus(orderId, "DELIVERED");
        reply(orderId, new ShipmentDispatched(shipmentId));
        reply(orderId, new ShipmentScheduled(shipmentId));

        await().during(Duration.ofSeconds(1))
                .atMost(Duration.ofSeconds(5))
                .until(() -> status(orderId).equals("DELIVERED"));
    }

    @Test
    void cancellingAConfirmedOrderCancelsTheShipmentThenReleasesTheStock() {
        var customer = uniqueCustomer();
        var orderId = placeOrder(customer);
        var shipmentId = UUID.randomUUID();
        reply(
                orderId,
                new InventoryReserved(List.of(new ReservedLine("KEYBOARD-01", 1, new BigDecimal("89.00"))), "EUR"));
        reply(orderId, new ShipmentScheduled(shipmentId));
        awaitStatus(orderId, "CONFIRMED");
        asCustomer(customer).when().get("/orders/" + orderId).then().body("cancellable", equalTo(true));

        asCustomer(customer)
                .when()
                .post("/orders/" + orderId + "/cancel")
                .then()
                .statusCode(202)
                .body("status", equalTo("CANCELLING"))
                .body("cancellable", equalTo(false));
        var cancelShipment = QueueProbe.of(sqs, "shipping-commands").awaitMessage(orderId, "CancelShipment");
        assertThat(contracts.violations(cancelShipment.body())).isEmpty();
        assertThat(QueueProbe.of(sqs, "inventory-commands").receivedOfType(orderId, "ReleaseInventory"))
                .isEmpty();

        reply(orderId, new ShipmentCancelled(shipmentId));
        var release = QueueProbe.of(sqs, "inventory-commands").awaitMessage(orderId, "ReleaseInventory");
        assertThat(contracts.violations(release.body())).isEmpty();
        reply(orderId, new InventoryReleased());

        awaitStatus(orderId, "CANCELLED");
    }

    @Test
    void aShippedOrderCannotBeCancelled() {
        var customer = uniqueCustomer();
        var orderId = placeOrder(customer);
        var shipmentId = UUID.randomUUID();
        reply(
                orderId,
                new InventoryReserved(List.of(new ReservedLine("KEYBOARD-01", 1, new BigDecimal("89.00"))), "EUR"));
        reply(orderId, new ShipmentDispatched(shipmentId));
        awaitStatus(orderId, "SHIPPED");
        asCustomer(customer).when().get("/orders/" + orderId).then().body("cancellable", equalTo(false));

        asCustomer(customer)
                .when()
                .post("/orders/" + orderId + "/cancel")
                .then()
                .statusCode(409)
                .contentType("application/problem+json")
                .body("type", endsWith("/order-not-cancellable"));
        assertThat(status(orderId)).isEqualTo("SHIPPED");
    }

    @Test
    void aCommandOnTheEventQueueGoesToTheDeadLetterQueue() {
        var orderId = placeOrder(uniqueCustomer());

        send(OutgoingMessage.caused(orderId, new dev.fulfilment.contracts.messages.CancelShipment("misrouted")));

        var poison = QueueProbe.of(sqs, "order-events-dlq").awaitMessage(orderId, "CancelShipment");
        assertThat(poison.attributes().get("failure-reason")).contains("belongs on shipping-commands");
        assertThat(status(orderId)).isEqualTo("PENDING");
    }

    @Test
    void aCommandDroppedOnTheFloorIsSentAgainAtTheDeadlineAndTheOrderStillCompletes() {
        var orderId = placeOrder(uniqueCustomer());
        var inventoryCommands = QueueProbe.of(sqs, "inventory-commands");
        inventoryCommands.awaitMessage(orderId, "ReserveInventory");
        // Nobody answers it: the probe took it off the queue, as if it were lost.

        checkDeadlinesOnceInventoryCommandsIsEmpty(Instant.now().plusSeconds(31));

        awaitReserveInventory(inventoryCommands, orderId, 2);
        var again =
                inventoryCommands.receivedOfType(orderId, "ReserveInventory").get(1);
        assertThat(contracts.violations(again.body())).isEmpty();
        reply(
                orderId,
                new InventoryReserved(List.of(new ReservedLine("KEYBOARD-01", 1, new BigDecimal("89.00"))), "EUR"));
        reply(orderId, new ShipmentScheduled(UUID.randomUUID()));
        awaitStatus(orderId, "CONFIRMED");
        asOperator()
                .when()
                .get("/orders/" + orderId)
                .then()
                .body(
                        "timeline.reason",
                        org.hamcrest.Matchers.hasItem("no reply to ReserveInventory for 31 s; sent again (1 of 3)"));
    }

    @Test
    void anOrderThatNeverHearsBackIsMarkedStuckAndCounted() {
        var pending = Map.of("status", "PENDING");
        var remindedBefore = metric("saga_reminders_total", pending);
        var stuckBefore = metric("saga_stuck_total", pending);
        var orderId = placeOrder(uniqueCustomer());
        var inventoryCommands = QueueProbe.of(sqs, "inventory-commands");
        inventoryCommands.awaitMessage(orderId, "ReserveInventory");

        var later = Instant.now();
        for (int check = 0; check < 4; check++) {
            later = later.plusSeconds(31);
            checkDeadlinesOnceInventoryCommandsIsEmpty(later);
            // Each command sent again is taken off the queue and lost too.
            awaitReserveInventory(inventoryCommands, orderId, Math.min(check + 2, 4));
        }

        assertThat(status(orderId)).isEqualTo("PENDING");
        asOperator()
                .when()
                .get("/orders/" + orderId)
                .then()
                .body("timeline[-1].reason", org.hamcrest.Matchers.startsWith("stuck: no reply to ReserveInventory"))
                .body("stuckSince", org.hamcrest.Matchers.notNullValue());
        // The back office's list of stuck orders holds it; the list of the others does not.
        asOperator()
                .queryParam("stuck", true)
                .queryParam("limit", 100)
                .when()
                .get("/orders")
                .then()
                .statusCode(200)
                .body("items.id", org.hamcrest.Matchers.hasItem(orderId.toString()))
                .body("items.stuckSince", org.hamcrest.Matchers.everyItem(org.hamcrest.Matchers.notNullValue()));
        asOperator()
                .queryParam("stuck", false)
                .queryParam("status", "PENDING")
                .queryParam("limit", 100)
                .when()
                .get("/orders")
                .then()
                .statusCode(200)
                .body("items.id", org.hamcrest.Matchers.not(org.hamcrest.Matchers.hasItem(orderId.toString())));
        // Other tests' orders, left PENDING, may be reminded and given up on by the same checks.
        assertThat(metric("saga_orders_stuck", Map.of())).isGreaterThanOrEqualTo(1);
        assertThat(metric("saga_reminders_total", pending) - remindedBefore).isGreaterThanOrEqualTo(3);
        assertThat(metric("saga_stuck_total", pending) - stuckBefore).isGreaterThanOrEqualTo(1);
    }

    /** order-service's samples of that metric with those labels, summed; 0 before it exists. */
    private double metric(String name, Map<String, String> labels) {
        return MetricSamples.parse(
                        io.restassured.RestAssured.given().get(metricsUrl).asString())
                .sum(name, labels);
    }

    @Test
    void anOrderWhoseCommandStillWaitsOnTheQueueGetsTenMinutesMoreBeforeItIsSentAgain() {
        var inventoryCommands = QueueProbe.of(sqs, "inventory-commands");
        var placed = Instant.now();
        UUID orderId;
        try (var paused = inventoryCommands.pause()) {
            // inventory-service is behind: the order's command waits on the queue.
            orderId = placeOrder(uniqueCustomer());
            await().atMost(Duration.ofSeconds(10)).until(() -> waitingOn("inventory-commands") > 0);

            // Past its 30 s deadline, but not by ten minutes more: left alone.
            deadlines.checkAt(placed.plusSeconds(35));
            deadlines.checkAt(placed.plus(Duration.ofMinutes(10)).plusSeconds(25));
            asOperator()
                    .when()
                    .get("/orders/" + orderId)
                    .then()
                    .body("status", equalTo("PENDING"))
                    .body("timeline.reason", org.hamcrest.Matchers.contains("order placed"));

            // A busy queue may never be empty: after ten minutes more, the command goes again all the same.
            deadlines.checkAt(placed.plus(Duration.ofMinutes(10)).plusSeconds(35));
        }

        awaitReserveInventory(inventoryCommands, orderId, 2);
        asOperator()
                .when()
                .get("/orders/" + orderId)
                .then()
                .body("timeline.reason", org.hamcrest.Matchers.hasItem(endsWith("sent again (1 of 3)")));
    }

    /**
     * Checks the deadlines once no message waits on inventory-commands, so that what other
     * tests sent cannot hold back a reminder.
     */
    private void checkDeadlinesOnceInventoryCommandsIsEmpty(Instant at) {
        await().atMost(Duration.ofSeconds(10)).until(() -> waitingOn("inventory-commands") == 0);
        deadlines.checkAt(at);
    }

    private static void awaitReserveInventory(QueueProbe probe, UUID orderId, int count) {
        await().atMost(Duration.ofSeconds(10))
                .until(() -> probe.receivedOfType(orderId, "ReserveInventory").size() == count);
    }

    private long waitingOn(String queue) {
        var queueUrl = sqs.getQueueUrl(request -> request.queueName(queue)).queueUrl();
        return Long.parseLong(sqs.getQueueAttributes(request ->
                        request.queueUrl(queueUrl).attributeNames(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES))
                .attributes()
                .get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES));
    }

    private void reply(UUID orderId, MessagePayload payload) {
        send(OutgoingMessage.caused(orderId, payload));
    }

    /** A reply in an older version of its schema, as a service not yet upgraded sends it. */
    private void reply(UUID orderId, MessagePayload payload, int version) {
        // By hand: this service's own encoder writes (and checks) the newest version only.
        var json = new ObjectMapper();
        var envelope = json.createObjectNode()
                .put("messageId", UUID.randomUUID().toString())
                .put("type", MessageType.of(payload.getClass()).wireName())
                .put("version", version)
                .put("occurredAt", Instant.now().toString())
                .put("orderId", orderId.toString())
                .putNull("causationId")
                .putNull("traceparent");
        envelope.set("payload", json.valueToTree(payload));
        assertThat(contracts.violations(envelope)).isEmpty();
        sendBody(envelope.toString());
    }

    private void send(OutgoingMessage message) {
        sendBody(codec.encode(message));
    }

    private void sendBody(String body) {
        var queueUrl =
                sqs.getQueueUrl(request -> request.queueName("order-events")).queueUrl();
        sqs.sendMessage(request -> request.queueUrl(queueUrl).messageBody(body));
    }

    private static JsonNode readTree(String json) {
        try {
            return new ObjectMapper().readTree(json);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static void awaitStatus(UUID orderId, String expected) {
        await().atMost(Duration.ofSeconds(20)).until(() -> status(orderId).equals(expected));
    }
}
