package dev.fulfilment.systemtests;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import dev.fulfilment.contracts.ContractValidator;
import dev.fulfilment.devstack.Service;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The order's life across the three services, black-box over HTTP and SQS. */
@ExtendWith(RunningSystem.class)
class OrderFulfilmentIT {

    private final RunningSystem system;
    private final Shop shop;

    OrderFulfilmentIT(RunningSystem system) {
        this.system = system;
        this.shop = new Shop(system);
    }

    @Test
    void anOrderIsConfirmedThenShippedThenDelivered() {
        var sku = shop.newProduct(5);

        var orderId = shop.placeOrder(sku, 2);
        shop.awaitStatus(orderId, "CONFIRMED");
        assertThat(shop.stock(sku)).isEqualTo(new Shop.Stock(3, 2));
        var shipmentId = shop.shipmentOf(orderId)
                .then()
                .statusCode(200)
                .body("[0].status", equalTo("SCHEDULED"))
                .extract()
                .<String>path("[0].id");

        shop.dispatch(shipmentId).then().statusCode(200);
        shop.awaitStatus(orderId, "SHIPPED");
        shop.deliver(shipmentId).then().statusCode(200);
        shop.awaitStatus(orderId, "DELIVERED");

        shop.order(orderId)
                .then()
                .body("shipmentId", equalTo(shipmentId))
                .body(
                        "timeline.status",
                        equalTo(List.of("PENDING", "INVENTORY_RESERVED", "CONFIRMED", "SHIPPED", "DELIVERED")));
    }

    @Test
    void anOrdersTotalIsItsLinesAtThePricesOfTheMomentItsStockWasReserved() {
        var sku = shop.newProduct(10);
        var first = shop.placeOrder(sku, 3);
        shop.awaitStatus(first, "CONFIRMED");

        shop.changePrice(sku, "7.25");
        var second = shop.placeOrder(sku, 2);
        shop.awaitStatus(second, "CONFIRMED");

        shop.order(first)
                .then()
                .body("lines[0].unitPrice", equalTo(5.00f))
                .body("lines[0].lineTotal", equalTo(15.00f))
                .body("total", equalTo(15.00f))
                .body("currency", equalTo("EUR"));
        shop.order(second).then().body("lines[0].unitPrice", equalTo(7.25f)).body("total", equalTo(14.50f));
    }

    @Test
    void anOrderForMoreThanTheStockIsRejectedAndTheStockIsUnchanged() {
        var sku = shop.newProduct(2);

        var orderId = shop.placeOrder(sku, 3);

        shop.awaitStatus(orderId, "REJECTED");
        shop.order(orderId).then().body("rejectionReason", org.hamcrest.Matchers.containsString(sku));
        assertThat(shop.stock(sku)).isEqualTo(new Shop.Stock(2, 0));
        shop.shipmentOf(orderId).then().body("size()", equalTo(0));
    }

    @Test
    void cancellingAConfirmedOrderCancelsTheShipmentAndRestoresTheStock() {
        var sku = shop.newProduct(5);
        var orderId = shop.placeOrder(sku, 2);
        shop.awaitStatus(orderId, "CONFIRMED");

        shop.cancel(orderId).then().statusCode(202).body("status", equalTo("CANCELLING"));

        shop.awaitStatus(orderId, "CANCELLED");
        assertThat(shop.stock(sku)).isEqualTo(new Shop.Stock(5, 0));
        shop.shipmentOf(orderId).then().body("[0].status", equalTo("CANCELLED"));
        var shipmentId = shop.shipmentOf(orderId).then().extract().<String>path("[0].id");
        shop.dispatch(shipmentId).then().statusCode(409);
    }

    @Test
    void aShippedOrderCannotBeCancelled() {
        var sku = shop.newProduct(5);
        var orderId = shop.placeOrder(sku, 1);
        shop.awaitStatus(orderId, "CONFIRMED");
        var shipmentId = shop.shipmentOf(orderId).then().extract().<String>path("[0].id");
        shop.dispatch(shipmentId).then().statusCode(200);
        shop.awaitStatus(orderId, "SHIPPED");

        shop.cancel(orderId).then().statusCode(409).contentType("application/problem+json");

        assertThat(shop.status(orderId)).isEqualTo("SHIPPED");
        assertThat(shop.stock(sku)).isEqualTo(new Shop.Stock(4, 1));
    }

    @Test
    void aHundredConcurrentOrdersForTenUnitsConfirmExactlyTen() throws Exception {
        var sku = shop.newProduct(10);

        List<UUID> orderIds;
        try (var executor = Executors.newFixedThreadPool(20)) {
            var placing = IntStream.range(0, 100)
                    .mapToObj(i -> executor.submit(() -> shop.placeOrder(sku, 1)))
                    .toList();
            orderIds = placing.stream()
                    .map(future -> {
                        try {
                            return future.get();
                        } catch (Exception e) {
                            throw new IllegalStateException(e);
                        }
                    })
                    .toList();
        }
        shop.awaitStatusIn(orderIds, Set.of("CONFIRMED", "REJECTED"), Duration.ofSeconds(90));

        var confirmed = orderIds.stream()
                .filter(id -> shop.status(id).equals("CONFIRMED"))
                .count();
        assertThat(confirmed).isEqualTo(10);
        assertThat(shop.stock(sku)).isEqualTo(new Shop.Stock(0, 10));
    }

    @Test
    void theSameIdempotencyKeySentTwiceAtOnceMakesOneOrder() throws Exception {
        var sku = shop.newProduct(5);
        var customer = "customer-" + UUID.randomUUID();
        var key = UUID.randomUUID().toString();
        var body = Shop.orderBody(sku, 1);

        List<String> ids;
        try (var executor = Executors.newFixedThreadPool(2)) {
            var first = executor.submit(() -> shop.place(customer, body, key));
            var second = executor.submit(() -> shop.place(customer, body, key));
            ids = List.of(
                    first.get().then().statusCode(202).extract().path("id"),
                    second.get().then().statusCode(202).extract().path("id"));
        }

        assertThat(ids.get(1)).isEqualTo(ids.get(0));
        shop.asCustomer(Service.ORDER, customer).get("/orders").then().body("items.size()", equalTo(1));
        shop.awaitStatus(UUID.fromString(ids.get(0)), "CONFIRMED");
        assertThat(shop.stock(sku)).isEqualTo(new Shop.Stock(4, 1));
    }

    @Test
    void aRedeliveredCommandOrReplyChangesNothing() {
        var sku = shop.newProduct(5);
        var orderId = shop.placeOrder(sku, 2);
        shop.awaitStatus(orderId, "CONFIRMED");
        var timelineBefore = shop.order(orderId).then().extract().jsonPath().getList("timeline");

        // Commands and replies of this order, as a crashed sender would send them again.
        sendRaw("inventory-commands", orderId, "ReserveInventory", """
                {"lines":[{"sku":"%s","quantity":2}]}""".formatted(sku));
        sendRaw("shipping-commands", orderId, "CreateShipment", """
                {"lines":[{"sku":"%s","quantity":2}],"shippingAddress":{"recipient":"Grace Hopper","line1":"1 Navy Yard",
                 "city":"Arlington","postalCode":"22202","country":"US"}}""".formatted(sku));
        sendRaw("order-events", orderId, "InventoryReserved", """
                {"lines":[{"sku":"%s","quantity":2}]}""".formatted(sku));

        await().during(Duration.ofSeconds(2))
                .atMost(Duration.ofSeconds(10))
                .until(() -> shop.status(orderId).equals("CONFIRMED")
                        && shop.stock(sku).equals(new Shop.Stock(3, 2)));
        assertThat(shop.order(orderId).then().extract().jsonPath().getList("timeline"))
                .isEqualTo(timelineBefore);
        shop.shipmentOf(orderId).then().body("size()", equalTo(1));
    }

    @Test
    void everyServiceIsReadyAndDescribesItsApiOnItsManagementPortOnly() {
        for (var service : Service.values()) {
            given().baseUri(system.managementUrl(service))
                    .get("/q/health/ready")
                    .then()
                    .statusCode(200)
                    .body("status", equalTo("UP"))
                    .body("checks.name", org.hamcrest.Matchers.hasItem("sqs-queues"));
            given().baseUri(system.managementUrl(service))
                    .get("/q/health/live")
                    .then()
                    .statusCode(200);
            given().baseUri(system.managementUrl(service))
                    .get("/q/openapi")
                    .then()
                    .statusCode(200)
                    .body(org.hamcrest.Matchers.containsString("openapi:"))
                    .body(org.hamcrest.Matchers.containsString(system.url(service)));
            given().baseUri(system.managementUrl(service))
                    .get("/q/swagger-ui/")
                    .then()
                    .statusCode(200);
            for (var managementPath : List.of("/q/health/ready", "/q/openapi", "/q/swagger-ui/")) {
                given().baseUri(system.url(service))
                        .get(managementPath)
                        .then()
                        .statusCode(org.hamcrest.Matchers.either(equalTo(404))
                                .or(equalTo(401))
                                .or(equalTo(403)));
            }
        }
        given().baseUri(system.managementUrl(Service.INVENTORY))
                .get("/q/health/ready")
                .then()
                .body("checks.name", org.hamcrest.Matchers.hasItem("dynamodb-table"));
        given().baseUri(system.managementUrl(Service.ORDER))
                .get("/q/health/ready")
                .then()
                .body("checks.name", org.hamcrest.Matchers.hasItem("database"));
    }

    @AfterAll
    static void noMessageEndedInADeadLetterQueue(RunningSystem system) {
        assertThat(system.deadLetterCount())
                .as("messages in dead-letter queues: %s", system.queueDepths())
                .isZero();
    }

    private void sendRaw(String queue, UUID orderId, String type, String payload) {
        var body = """
                {"messageId":"%s","type":"%s","version":1,"occurredAt":"%s","orderId":"%s","causationId":null,"payload":%s}""".formatted(UUID.randomUUID(), type, Instant.now(), orderId, payload);
        try {
            var tree = new com.fasterxml.jackson.databind.ObjectMapper().readTree(body);
            assertThat(new ContractValidator().violations(tree))
                    .as("the test's own %s", type)
                    .isEmpty();
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        system.sqs()
                .sendMessage(request -> request.queueUrl(system.queueUrl(queue)).messageBody(body));
    }
}
