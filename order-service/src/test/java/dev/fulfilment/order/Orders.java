package dev.fulfilment.order;

import static io.restassured.RestAssured.given;

import io.restassured.http.ContentType;
import io.restassured.response.Response;
import java.util.UUID;

/** Test set-up: placing orders over HTTP. */
final class Orders {

    private Orders() {}

    static String uniqueCustomer() {
        return "c-" + UUID.randomUUID();
    }

    static String body(String customerId, String sku, int quantity) {
        return """
                {"customerId":"%s","lines":[{"sku":"%s","quantity":%d}],
                 "shippingAddress":{"recipient":"Ada Lovelace","line1":"12 St James's Square","city":"London",
                                    "postalCode":"SW1Y 4JH","country":"GB"}}""".formatted(customerId, sku, quantity);
    }

    static Response place(String body) {
        return given().contentType(ContentType.JSON).body(body).when().post("/orders");
    }

    static UUID placeOrder(String customerId) {
        return placeOrder(customerId, "KEYBOARD-01", 1);
    }

    static UUID placeOrder(String customerId, String sku, int quantity) {
        var id = place(body(customerId, sku, quantity))
                .then()
                .statusCode(202)
                .extract()
                .path("id");
        return UUID.fromString((String) id);
    }

    static String status(UUID orderId) {
        return given().when()
                .get("/orders/" + orderId)
                .then()
                .statusCode(200)
                .extract()
                .path("status");
    }
}
