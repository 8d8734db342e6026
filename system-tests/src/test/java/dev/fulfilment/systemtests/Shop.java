package dev.fulfilment.systemtests;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;

import dev.fulfilment.devstack.Service;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.awaitility.core.ConditionTimeoutException;

/** The system as a user sees it: HTTP calls to the three services, and waits with telling failures. */
final class Shop {

    private final RunningSystem system;

    Shop(RunningSystem system) {
        this.system = system;
    }

    /** A product of this test's own, so that tests never share stock. */
    String newProduct(long available) {
        var sku = "SYS-" + UUID.randomUUID().toString().substring(0, 8).toUpperCase();
        given().baseUri(system.url(Service.INVENTORY))
                .contentType(ContentType.JSON)
                .body(Map.of("name", "System test product", "unitPrice", 5, "available", available))
                .put("/inventory/" + sku)
                .then()
                .statusCode(201);
        return sku;
    }

    /** Sets a product's price, as an operator does; its stock is left alone. */
    void changePrice(String sku, String unitPrice) {
        given().baseUri(system.url(Service.INVENTORY))
                .contentType(ContentType.JSON)
                .body("{\"name\":\"System test product\",\"unitPrice\":" + unitPrice + "}")
                .put("/inventory/" + sku)
                .then()
                .statusCode(200);
    }

    record Stock(long available, long reserved) {}

    Stock stock(String sku) {
        var product = given().baseUri(system.url(Service.INVENTORY))
                .get("/inventory/" + sku)
                .then()
                .statusCode(200)
                .extract();
        return new Stock(
                product.jsonPath().getLong("available"), product.jsonPath().getLong("reserved"));
    }

    static String orderBody(String customerId, String sku, int quantity) {
        return """
                {"customerId":"%s","lines":[{"sku":"%s","quantity":%d}],
                 "shippingAddress":{"recipient":"Grace Hopper","line1":"1 Navy Yard","city":"Arlington",
                                    "postalCode":"22202","country":"US"}}""".formatted(customerId, sku, quantity);
    }

    Response place(String body, String idempotencyKey) {
        var request = given().baseUri(system.url(Service.ORDER))
                .contentType(ContentType.JSON)
                .body(body);
        if (idempotencyKey != null) {
            request.header("Idempotency-Key", idempotencyKey);
        }
        return request.post("/orders");
    }

    UUID placeOrder(String sku, int quantity) {
        var response = place(orderBody("customer-" + UUID.randomUUID(), sku, quantity), null);
        response.then().statusCode(202);
        return UUID.fromString(response.path("id"));
    }

    Response order(UUID orderId) {
        return given().baseUri(system.url(Service.ORDER)).get("/orders/" + orderId);
    }

    String status(UUID orderId) {
        return order(orderId).then().statusCode(200).extract().path("status");
    }

    Response cancel(UUID orderId) {
        return given().baseUri(system.url(Service.ORDER)).post("/orders/" + orderId + "/cancel");
    }

    Response shipmentOf(UUID orderId) {
        return given().baseUri(system.url(Service.SHIPPING))
                .queryParam("orderId", orderId.toString())
                .get("/shipments");
    }

    Response shipmentAction(String shipmentId, String action) {
        return given().baseUri(system.url(Service.SHIPPING)).post("/shipments/" + shipmentId + "/" + action);
    }

    /** Waits for the status; on failure the message shows the order's timeline and the queues. */
    void awaitStatus(UUID orderId, String expected) {
        awaitStatusIn(List.of(orderId), Set.of(expected), Duration.ofSeconds(30));
    }

    void awaitStatusIn(List<UUID> orderIds, Set<String> anyOf, Duration timeout) {
        try {
            await().atMost(timeout)
                    .pollInterval(Duration.ofMillis(50))
                    .until(() -> orderIds.stream().allMatch(id -> anyOf.contains(status(id))));
        } catch (ConditionTimeoutException e) {
            var stuck = orderIds.stream()
                    .filter(id -> !anyOf.contains(status(id)))
                    .findFirst()
                    .orElseThrow();
            throw new AssertionError(
                    "Order " + stuck + " did not reach " + anyOf + " within " + timeout
                            + ".\nOrder: " + order(stuck).asPrettyString()
                            + "\nQueues: " + system.queueDepths()
                            + "\nService logs: "
                            + List.of(
                                    system.logFile(Service.ORDER),
                                    system.logFile(Service.INVENTORY),
                                    system.logFile(Service.SHIPPING)),
                    e);
        }
    }
}
