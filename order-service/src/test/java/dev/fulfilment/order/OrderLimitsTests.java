package dev.fulfilment.order;

import static dev.fulfilment.order.Orders.asCustomer;
import static dev.fulfilment.order.Orders.asOperator;
import static dev.fulfilment.order.Orders.body;
import static dev.fulfilment.order.Orders.place;
import static dev.fulfilment.order.Orders.placeOrder;
import static dev.fulfilment.order.Orders.uniqueCustomer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.util.ArrayList;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;

/**
 * What one customer may hold, and how the back office takes back what a customer should not:
 * without a payment step, every open order holds its stock until it ships (orders.limits,
 * defaults 10 open orders and 200 units).
 */
@QuarkusTest
class OrderLimitsTests {

    @Test
    void theEleventhOpenOrderOfACustomerIsRefusedWith422NamingTheLimitAndPlacesNothing() {
        var customer = uniqueCustomer();
        for (int i = 0; i < 10; i++) {
            placeOrder(customer, "MOUSE-01", 1);
        }

        place(customer, body("MOUSE-01", 1))
                .then()
                .statusCode(422)
                .contentType("application/problem+json")
                .body("type", endsWith("/order-limit"))
                .body("detail", containsString("at most 10 open orders"))
                .body("detail", containsString("orders.limits.open-orders"));

        asCustomer(customer).queryParam("limit", 100).get("/orders").then().body("items", hasSize(10));
        // Another customer is not held back by this one.
        placeOrder(uniqueCustomer(), "MOUSE-01", 1);
    }

    @Test
    void unitsPastTheLimitAreRefusedWhetherInOneOrderOrAcrossOpenOnes() {
        var customer = uniqueCustomer();
        place(customer, body("MOUSE-01", 201))
                .then()
                .statusCode(422)
                .body("type", endsWith("/order-limit"))
                .body("detail", containsString("at most 200 units"));

        placeOrder(customer, "MOUSE-01", 150);
        place(customer, body("KEYBOARD-01", 51))
                .then()
                .statusCode(422)
                .body("detail", containsString("yours hold 150 and this order 51"));
        placeOrder(customer, "KEYBOARD-01", 50);
    }

    @Test
    void aCancelledOrderNoLongerCountsAgainstTheLimit() {
        var customer = uniqueCustomer();
        var orders = new ArrayList<UUID>();
        for (int i = 0; i < 10; i++) {
            orders.add(placeOrder(customer, "MOUSE-01", 1));
        }

        asCustomer(customer)
                .post("/orders/" + orders.getFirst() + "/cancel")
                .then()
                .statusCode(202);

        // CANCELLING still holds its stock until inventory has released it.
        place(customer, body("MOUSE-01", 1)).then().statusCode(422);
    }

    @Test
    void ordersPlacedAtOnceCannotTogetherPassTheLimit() throws Exception {
        var customer = uniqueCustomer();
        var tasks = new ArrayList<Callable<Integer>>();
        for (int i = 0; i < 16; i++) {
            tasks.add(() -> place(customer, body("MOUSE-01", 1)).statusCode());
        }

        var statuses = new ArrayList<Integer>();
        try (var executor = Executors.newFixedThreadPool(16)) {
            for (var answer : executor.invokeAll(tasks)) {
                statuses.add(answer.get());
            }
        }

        assertThat(statuses).containsOnly(202, 422);
        assertThat(statuses.stream().filter(status -> status == 202)).hasSize(10);
        asCustomer(customer).queryParam("limit", 100).get("/orders").then().body("items", hasSize(10));
    }

    @Test
    void anOperatorCancelsAnyCustomersOrderSayingWhyAndTheTimelineSaysWho() {
        var customer = uniqueCustomer();
        var orderId = placeOrder(customer, "MOUSE-01", 1);

        asOperator()
                .contentType(ContentType.JSON)
                .body("{\"reason\":\"holds stock without a purchase\"}")
                .post("/orders/" + orderId + "/cancel")
                .then()
                .statusCode(202)
                .body("status", equalTo("CANCELLING"));

        asCustomer(customer)
                .get("/orders/" + orderId)
                .then()
                .body(
                        "timeline.reason",
                        hasItem("cancel requested: operator operator-1: holds stock without a purchase"));
    }

    @Test
    void anOperatorsCancelWithoutAReasonIsA400NamingItAndChangesNothing() {
        var customer = uniqueCustomer();
        var orderId = placeOrder(customer, "MOUSE-01", 1);

        asOperator()
                .post("/orders/" + orderId + "/cancel")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("errors[0].field", equalTo("reason"));
        asOperator()
                .contentType(ContentType.JSON)
                .body("{\"reason\":\"spam\\u0000\"}")
                .post("/orders/" + orderId + "/cancel")
                .then()
                .statusCode(400)
                .body("errors[0].field", equalTo("reason"));

        asCustomer(customer).get("/orders/" + orderId).then().body("status", equalTo("PENDING"));
    }
}
