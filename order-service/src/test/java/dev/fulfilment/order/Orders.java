package dev.fulfilment.order;

import static io.restassured.RestAssured.given;

import dev.fulfilment.testkit.MetricSamples;
import dev.fulfilment.testkit.TestTokens;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.net.URL;
import java.util.UUID;

/** Test set-up: placing and reading orders over HTTP, signed in as the API's callers. */
final class Orders {

    private Orders() {}

    static String uniqueCustomer() {
        return "c-" + UUID.randomUUID();
    }

    /** How many verified tokens the service keeps (its {@code auth_verified_tokens} gauge). */
    static double keptTokens(URL metricsUrl) {
        return MetricSamples.parse(given().get(metricsUrl).asString()).sum("auth_verified_tokens");
    }

    /** Requests signed in as this customer. */
    static RequestSpecification asCustomer(String customerId) {
        return given().auth().oauth2(TestTokens.customer(customerId));
    }

    /** Requests signed in as an operator of the back office. */
    static RequestSpecification asOperator() {
        return given().auth().oauth2(TestTokens.operator());
    }

    static String body(String sku, int quantity) {
        return """
                {"lines":[{"sku":"%s","quantity":%d}],
                 "shippingAddress":{"recipient":"Ada Lovelace","line1":"12 St James's Square","city":"London",
                                    "postalCode":"SW1Y 4JH","country":"GB"}}""".formatted(sku, quantity);
    }

    static Response place(String customerId, String body) {
        return asCustomer(customerId)
                .contentType(ContentType.JSON)
                .body(body)
                .when()
                .post("/orders");
    }

    static UUID placeOrder(String customerId) {
        return placeOrder(customerId, "KEYBOARD-01", 1);
    }

    static UUID placeOrder(String customerId, String sku, int quantity) {
        var id = place(customerId, body(sku, quantity))
                .then()
                .statusCode(202)
                .extract()
                .path("id");
        return UUID.fromString((String) id);
    }

    /** The order's status, as the back office reads it. */
    static String status(UUID orderId) {
        return asOperator()
                .when()
                .get("/orders/" + orderId)
                .then()
                .statusCode(200)
                .extract()
                .path("status");
    }
}
