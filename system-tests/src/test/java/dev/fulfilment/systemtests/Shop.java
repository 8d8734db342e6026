package dev.fulfilment.systemtests;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;

import dev.fulfilment.devstack.Service;
import dev.fulfilment.devstack.identity.LocalIssuer;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.awaitility.core.ConditionTimeoutException;

/**
 * The system as its users see it, each signed in at its local sign-in: customers
 * place and cancel orders, an operator stocks the catalogue and follows orders, the warehouse
 * dispatches and the carrier delivers. HTTP calls to the three services, and waits with telling
 * failures.
 */
final class Shop {

    private final RunningSystem system;
    private final String operator;
    private final Map<UUID, String> customers = new ConcurrentHashMap<>();

    Shop(RunningSystem system) {
        this.system = system;
        this.operator = system.token(LocalIssuer.Caller.OPERATOR, "system-tests");
    }

    /** Requests to the service signed in as a customer. */
    RequestSpecification asCustomer(Service service, String customerId) {
        return given().baseUri(system.url(service))
                .auth()
                .oauth2(system.token(LocalIssuer.Caller.CUSTOMER, customerId));
    }

    /** Requests to the service signed in as an operator of the back office. */
    RequestSpecification asOperator(Service service) {
        return given().baseUri(system.url(service)).auth().oauth2(operator);
    }

    /** A product of this test's own, so that tests never share stock. */
    String newProduct(long available) {
        var sku = "SYS-" + UUID.randomUUID().toString().substring(0, 8).toUpperCase();
        asOperator(Service.INVENTORY)
                .contentType(ContentType.JSON)
                .body(Map.of("name", "System test product", "unitPrice", 5, "available", available))
                .put("/inventory/" + sku)
                .then()
                .statusCode(201);
        return sku;
    }

    /** Sets a product's price, as an operator does; its stock is left alone. */
    void changePrice(String sku, String unitPrice) {
        asOperator(Service.INVENTORY)
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

    static String orderBody(String sku, int quantity) {
        return """
                {"lines":[{"sku":"%s","quantity":%d}],
                 "shippingAddress":{"recipient":"Grace Hopper","line1":"1 Navy Yard","city":"Arlington",
                                    "postalCode":"22202","country":"US"}}""".formatted(sku, quantity);
    }

    Response place(String customerId, String body, String idempotencyKey) {
        var request = asCustomer(Service.ORDER, customerId)
                .contentType(ContentType.JSON)
                .body(body);
        if (idempotencyKey != null) {
            request.header("Idempotency-Key", idempotencyKey);
        }
        return request.post("/orders");
    }

    /** An order of a new customer's, who is the one that may cancel it. */
    UUID placeOrder(String sku, int quantity) {
        var customer = "customer-" + UUID.randomUUID();
        var response = place(customer, orderBody(sku, quantity), null);
        response.then().statusCode(202);
        var orderId = UUID.fromString(response.path("id"));
        customers.put(orderId, customer);
        return orderId;
    }

    /** The customer who placed the order, for orders placed through {@link #place}. */
    void remember(UUID orderId, String customerId) {
        customers.put(orderId, customerId);
    }

    /** The order as the back office reads it. */
    Response order(UUID orderId) {
        return asOperator(Service.ORDER).get("/orders/" + orderId);
    }

    String status(UUID orderId) {
        return order(orderId).then().statusCode(200).extract().path("status");
    }

    /** The customer who placed the order cancels it. */
    Response cancel(UUID orderId) {
        return asCustomer(Service.ORDER, customers.get(orderId)).post("/orders/" + orderId + "/cancel");
    }

    /** The order's shipment, as the warehouse reads it. */
    Response shipmentOf(UUID orderId) {
        return as(LocalIssuer.Caller.WAREHOUSE)
                .queryParam("orderId", orderId.toString())
                .get("/shipments");
    }

    /** The warehouse hands the shipment to the carrier. */
    Response dispatch(String shipmentId) {
        return as(LocalIssuer.Caller.WAREHOUSE).post("/shipments/" + shipmentId + "/dispatch");
    }

    /** The carrier reports the shipment delivered. */
    Response deliver(String shipmentId) {
        return as(LocalIssuer.Caller.CARRIER).post("/shipments/" + shipmentId + "/deliver");
    }

    private RequestSpecification as(LocalIssuer.Caller machine) {
        return given().baseUri(system.url(Service.SHIPPING)).auth().oauth2(system.token(machine, null));
    }

    /**
     * Nothing lost, nothing twice: every order CONFIRMED holds one unit of the sku reserved and
     * has exactly one shipment, and the product's available plus reserved units are what it
     * was stocked with (these tests deliver nothing).
     */
    void assertConserved(String sku, long stocked, List<UUID> orderIds) {
        var confirmed =
                orderIds.stream().filter(id -> status(id).equals("CONFIRMED")).count();
        var stock = stock(sku);
        org.assertj.core.api.Assertions.assertThat(stock.available() + stock.reserved())
                .as("available + reserved of %s", sku)
                .isEqualTo(stocked);
        org.assertj.core.api.Assertions.assertThat(stock.reserved())
                .as("units reserved by the %d confirmed orders of %s", confirmed, sku)
                .isEqualTo(confirmed);
        for (var orderId : orderIds) {
            org.assertj.core.api.Assertions.assertThat(shipmentOf(orderId)
                            .then()
                            .statusCode(200)
                            .extract()
                            .jsonPath()
                            .getList("id"))
                    .as("shipments of order %s", orderId)
                    .hasSize(1);
        }
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
                    .orElseThrow(
                            () -> new AssertionError("The orders reached " + anyOf + " only just after " + timeout, e));
            throw new AssertionError(
                    "Order " + stuck + " did not reach " + anyOf + " within " + timeout
                            + ".\nOrder: " + order(stuck).asPrettyString()
                            + "\nQueues: " + system.queueDepths()
                            + "\nService logs: "
                            + List.of(
                                    system.logs(Service.ORDER),
                                    system.logs(Service.INVENTORY),
                                    system.logs(Service.SHIPPING)),
                    e);
        }
    }
}
