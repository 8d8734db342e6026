package dev.fulfilment.order;

import static dev.fulfilment.order.Orders.asCustomer;
import static dev.fulfilment.order.Orders.asOperator;
import static dev.fulfilment.order.Orders.body;
import static dev.fulfilment.order.Orders.placeOrder;
import static dev.fulfilment.order.Orders.status;
import static dev.fulfilment.order.Orders.uniqueCustomer;
import static dev.fulfilment.testkit.AccessRules.Kind.CUSTOMER;
import static dev.fulfilment.testkit.AccessRules.Kind.OPERATOR;
import static dev.fulfilment.testkit.AccessRules.rule;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.startsWith;

import dev.fulfilment.devstack.identity.LocalIssuer;
import dev.fulfilment.testkit.AccessRules;
import dev.fulfilment.testkit.BadTokens;
import dev.fulfilment.testkit.TestTokens;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.net.URI;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Customers see and change their own orders only, and cannot tell another's from none; the back
 * office reads all of them; nobody else reads any.
 */
@QuarkusTest
class OrderAccessTests {

    @TestHTTPResource("/")
    URI api;

    // The management interface's root is /q.
    @TestHTTPResource(value = "/openapi?format=json", management = true)
    URI openApi;

    @Test
    void everyEndpointAnswersOnlyTheCallersItsRuleNames() {
        var unknown = "/orders/" + UUID.randomUUID();
        AccessRules.check(
                api,
                openApi,
                List.of(
                        rule("POST", "/orders").allow(CUSTOMER).sending(body("MOUSE-01", 1)),
                        rule("GET", "/orders").allow(CUSTOMER, OPERATOR),
                        rule("GET", "/orders/{id}").allow(CUSTOMER, OPERATOR).as(unknown),
                        rule("POST", "/orders/{id}/cancel")
                                .allow(CUSTOMER, OPERATOR)
                                .as(unknown + "/cancel")
                                .sending("{\"reason\":\"a test\"}")));
    }

    @Test
    void anotherCustomersOrderIsNotFoundAndCannotBeCancelled() {
        var owner = uniqueCustomer();
        var stranger = uniqueCustomer();
        var orderId = placeOrder(owner);

        asCustomer(stranger)
                .when()
                .get("/orders/" + orderId)
                .then()
                .statusCode(404)
                .contentType("application/problem+json")
                .body("type", endsWith("/order-not-found"));
        asCustomer(stranger)
                .when()
                .post("/orders/" + orderId + "/cancel")
                .then()
                .statusCode(404)
                .contentType("application/problem+json");

        assertThat(status(orderId)).isNotIn("CANCELLING", "CANCELLED");
        asCustomer(owner).when().get("/orders/" + orderId).then().statusCode(200);
    }

    @Test
    void aCustomersListingHoldsItsOwnOrdersOnlyWhateverItAsksFor() {
        var owner = uniqueCustomer();
        var stranger = uniqueCustomer();
        var orderId = placeOrder(owner);
        placeOrder(stranger);

        asCustomer(stranger).when().get("/orders").then().statusCode(200).body("items", hasSize(1));
        asCustomer(stranger)
                .queryParam("customerId", owner)
                .when()
                .get("/orders")
                .then()
                .statusCode(200)
                .body("items", hasSize(0));
        asCustomer(owner)
                .when()
                .get("/orders")
                .then()
                .body("items.id", equalTo(List.of(orderId.toString())))
                .body("items[0].customerId", equalTo(owner));
    }

    @Test
    void theBackOfficeReadsAndListsAnyCustomersOrdersAndCancelsOnlySayingWhyButPlacesNone() {
        var customer = uniqueCustomer();
        var orderId = placeOrder(customer);

        asOperator().when().get("/orders/" + orderId).then().statusCode(200).body("customerId", equalTo(customer));
        asOperator()
                .queryParam("customerId", customer)
                .when()
                .get("/orders")
                .then()
                .body("items.id", equalTo(List.of(orderId.toString())));
        asOperator()
                .when()
                .post("/orders/" + orderId + "/cancel")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("errors[0].field", equalTo("reason"));
        asOperator()
                .contentType(ContentType.JSON)
                .body("{\"reason\":\"a test\"}")
                .when()
                .post("/orders/" + orderId + "/cancel")
                .then()
                .statusCode(202);
        asOperator()
                .contentType(ContentType.JSON)
                .body(body("MOUSE-01", 1))
                .when()
                .post("/orders")
                .then()
                .statusCode(403);
    }

    @Test
    void idempotencyKeysAreEachCustomersOwn() {
        var first = uniqueCustomer();
        var second = uniqueCustomer();
        var key = UUID.randomUUID().toString();

        var firstOrder = placeWithKey(first, key);
        var secondOrder = placeWithKey(second, key);

        assertThat(secondOrder).isNotEqualTo(firstOrder);
        assertThat(placeWithKey(first, key)).isEqualTo(firstOrder);
        asCustomer(second).when().get("/orders").then().body("items.id", equalTo(List.of(secondOrder)));
    }

    static Stream<Arguments> badTokens() {
        return BadTokens.of(TestTokens.issuer(), LocalIssuer.Caller.CUSTOMER, "c-bad-tokens").entrySet().stream()
                .map(bad -> Arguments.of(bad.getKey(), bad.getValue()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badTokens")
    void aBadTokenIs401AndPlacesNothing(String whatIsWrong, String token) {
        given().auth()
                .oauth2(token)
                .contentType(ContentType.JSON)
                .body(body("MOUSE-01", 1))
                .when()
                .post("/orders")
                .then()
                .statusCode(401)
                .contentType("application/problem+json")
                .header("WWW-Authenticate", startsWith("Bearer"));

        asCustomer("c-bad-tokens").when().get("/orders").then().body("items", hasSize(0));
    }

    @Test
    void aCustomerCannotBecomeAnOperatorByClaimingTheGroup() {
        var claims = TestTokens.issuer().claims(LocalIssuer.Caller.CUSTOMER, "c-pretender");
        claims.setStringListClaim("cognito:groups", "operator");

        given().auth()
                .oauth2(TestTokens.issuer().sign(claims))
                .queryParam("customerId", uniqueCustomer())
                .when()
                .get("/orders")
                .then()
                .statusCode(200)
                .body("items", hasSize(0));
    }

    private static String placeWithKey(String customer, String key) {
        return asCustomer(customer)
                .contentType(ContentType.JSON)
                .header("Idempotency-Key", key)
                .body(body("MOUSE-01", 1))
                .when()
                .post("/orders")
                .then()
                .statusCode(202)
                .extract()
                .path("id");
    }
}
