package dev.fulfilment.inventory;

import static dev.fulfilment.testkit.AccessRules.Kind.OPERATOR;
import static dev.fulfilment.testkit.AccessRules.rule;
import static io.restassured.RestAssured.given;
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
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The catalogue is public; changing it and its stock is the back office's. */
@QuarkusTest
class InventoryAccessTests {

    @TestHTTPResource("/")
    URI api;

    // The management interface's root is /q.
    @TestHTTPResource(value = "/openapi?format=json", management = true)
    URI openApi;

    @Test
    void everyEndpointAnswersOnlyTheCallersItsRuleNames() {
        // An unknown sku: allowed callers get 404, the others never learn whether it exists.
        var sku = "/inventory/" + ProductResourceTests.uniqueSku();
        AccessRules.check(
                api,
                openApi,
                List.of(
                        rule("GET", "/inventory").open(),
                        rule("GET", "/inventory/{sku}").open().as(sku),
                        rule("PUT", "/inventory/{sku}")
                                .allow(OPERATOR)
                                .as(sku)
                                .sending("{\"name\":\"x\",\"unitPrice\":1}"),
                        rule("GET", "/inventory/{sku}/adjustments")
                                .allow(OPERATOR)
                                .as(sku + "/adjustments"),
                        rule("POST", "/inventory/{sku}/adjustments")
                                .allow(OPERATOR)
                                .as(sku + "/adjustments")
                                .sending("{\"quantity\":1,\"reason\":\"count\"}")));
    }

    static Stream<Arguments> badTokens() {
        return BadTokens.of(TestTokens.issuer(), LocalIssuer.Caller.OPERATOR, "operator-1").entrySet().stream()
                .map(bad -> Arguments.of(bad.getKey(), bad.getValue()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badTokens")
    void aBadTokenIs401AndChangesNothing(String whatIsWrong, String token) {
        var sku = ProductResourceTests.uniqueSku();
        given().auth()
                .oauth2(token)
                .contentType(ContentType.JSON)
                .body("{\"name\":\"Desk lamp\",\"unitPrice\":19.50,\"available\":7}")
                .when()
                .put("/inventory/" + sku)
                .then()
                .statusCode(401)
                .contentType("application/problem+json")
                .header("WWW-Authenticate", startsWith("Bearer"));

        given().when().get("/inventory/" + sku).then().statusCode(404);
    }
}
