package dev.fulfilment.shipping;

import static dev.fulfilment.testkit.AccessRules.Kind.CARRIER;
import static dev.fulfilment.testkit.AccessRules.Kind.OPERATOR;
import static dev.fulfilment.testkit.AccessRules.Kind.WAREHOUSE;
import static dev.fulfilment.testkit.AccessRules.rule;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import dev.fulfilment.devstack.identity.LocalIssuer;
import dev.fulfilment.testkit.AccessRules;
import dev.fulfilment.testkit.BadTokens;
import dev.fulfilment.testkit.TestTokens;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URI;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Who may read, dispatch and deliver shipments; everyone else is refused. */
@QuarkusTest
class ShippingAccessTests {

    private static final String SHIPMENT = "/shipments/" + UUID.randomUUID();

    @TestHTTPResource("/")
    URI api;

    // The management interface's root is /q.
    @TestHTTPResource(value = "/openapi?format=json", management = true)
    URI openApi;

    @Test
    void everyEndpointAnswersOnlyTheCallersItsRuleNames() {
        AccessRules.check(
                api,
                openApi,
                List.of(
                        rule("GET", "/shipments/{id}")
                                .allow(WAREHOUSE, CARRIER, OPERATOR)
                                .as(SHIPMENT),
                        rule("GET", "/shipments")
                                .allow(WAREHOUSE, CARRIER, OPERATOR)
                                .as("/shipments?orderId=" + UUID.randomUUID()),
                        rule("POST", "/shipments/{id}/dispatch")
                                .allow(WAREHOUSE)
                                .as(SHIPMENT + "/dispatch"),
                        rule("POST", "/shipments/{id}/deliver").allow(CARRIER).as(SHIPMENT + "/deliver")));
    }

    static Stream<Arguments> badTokens() {
        return BadTokens.of(TestTokens.issuer(), LocalIssuer.Caller.WAREHOUSE, null).entrySet().stream()
                .map(bad -> Arguments.of(bad.getKey(), bad.getValue()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badTokens")
    void aBadTokenIs401(String whatIsWrong, String token) {
        given().auth()
                .oauth2(token)
                .queryParam("orderId", UUID.randomUUID().toString())
                .when()
                .get("/shipments")
                .then()
                .statusCode(401)
                .contentType("application/problem+json")
                .header("WWW-Authenticate", startsWith("Bearer"));
    }

    @Test
    void aCustomerTokenClaimingStaffGroupsAndScopesIsStillOnlyACustomer() {
        var claims = TestTokens.issuer().claims(LocalIssuer.Caller.CUSTOMER, "c-pretender");
        claims.setStringListClaim("cognito:groups", "operator");
        claims.setClaim("scope", "fulfilment/shipments.read fulfilment/shipments.dispatch");

        given().auth()
                .oauth2(TestTokens.issuer().sign(claims))
                .when()
                .post(SHIPMENT + "/dispatch")
                .then()
                .statusCode(403)
                .contentType("application/problem+json")
                .body("status", equalTo(403));
    }
}
