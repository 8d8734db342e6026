package dev.fulfilment.order;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.startsWith;

import dev.fulfilment.devstack.identity.LocalIssuer;
import dev.fulfilment.testkit.TestTokens;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URL;
import java.time.Duration;
import java.time.Instant;
import org.jose4j.jwt.NumericDate;
import org.junit.jupiter.api.Test;

/**
 * A token is verified in full once, then recognised until it expires (service-support's
 * VerifiedTokens): what a caller sees does not change with it. An expired token is refused from
 * its expiry on, though it was accepted the moment before, and a token refused for what it says
 * is refused every time.
 */
@QuarkusTest
class VerifiedTokensTests {

    @TestHTTPResource(value = "/metrics", management = true)
    URL metricsUrl;

    @Test
    void aTokenAcceptedAgainAndAgainIsRefusedFromItsExpiryOn() throws InterruptedException {
        var claims = TestTokens.issuer().claims(LocalIssuer.Caller.CUSTOMER, Orders.uniqueCustomer());
        var expiry = Instant.now().plusSeconds(3).getEpochSecond();
        claims.setExpirationTime(NumericDate.fromSeconds(expiry));
        var token = TestTokens.issuer().sign(claims);
        var keptBefore = Orders.keptTokens(metricsUrl);

        for (int i = 0; i < 3; i++) {
            given().auth().oauth2(token).when().get("/orders").then().statusCode(200);
        }
        assertThat(Orders.keptTokens(metricsUrl))
                .as("the token is kept once verified")
                .isGreaterThan(keptBefore);

        Thread.sleep(Duration.ofMillis(Math.max(0, expiry * 1000 - System.currentTimeMillis())));
        given().auth()
                .oauth2(token)
                .when()
                .get("/orders")
                .then()
                .statusCode(401)
                .contentType("application/problem+json")
                .header("WWW-Authenticate", startsWith("Bearer"));
    }

    @Test
    void aTokenOfAnUnknownAppClientIsRefusedEveryTime() {
        var claims = TestTokens.issuer().claims(LocalIssuer.Caller.CUSTOMER, Orders.uniqueCustomer());
        claims.setClaim("client_id", "someone-elses-app");
        var token = TestTokens.issuer().sign(claims);

        for (int i = 0; i < 3; i++) {
            given().auth()
                    .oauth2(token)
                    .when()
                    .get("/orders")
                    .then()
                    .statusCode(401)
                    .contentType("application/problem+json");
        }
    }
}
