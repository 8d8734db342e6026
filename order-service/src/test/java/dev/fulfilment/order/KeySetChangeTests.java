package dev.fulfilment.order;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.fulfilment.devstack.identity.LocalIssuer;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The customers' pool publishes its keys as a JSON Web Key Set, as Cognito does, and the issuer
 * replaces its key: once the service has fetched the new set (it does when a token names the new
 * key), a token of the old key is refused, though the service had verified and kept it
 * (service-support's VerifiedTokens).
 */
@QuarkusTest
@TestProfile(KeySetChangeTests.PublishedKeys.class)
class KeySetChangeTests {

    private static final LocalIssuer OLD_KEY = LocalIssuer.withNewKey();
    private static final LocalIssuer NEW_KEY = LocalIssuer.withNewKey();
    private static volatile String published = OLD_KEY.jwks();
    private static HttpServer keys;

    /** The customers' tenant reads its keys from a key set this test publishes. */
    public static class PublishedKeys implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of(
                    "quarkus.oidc.customers.public-key", "",
                    "quarkus.oidc.customers.auth-server-url", "http://127.0.0.1:" + keysPort(),
                    "quarkus.oidc.customers.discovery-enabled", "false",
                    "quarkus.oidc.customers.jwks-path", "jwks.json");
        }
    }

    private static synchronized int keysPort() {
        if (keys == null) {
            try {
                keys = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            keys.createContext("/jwks.json", exchange -> {
                var body = published.getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().add("Content-Type", "application/json");
                exchange.sendResponseHeaders(200, body.length);
                exchange.getResponseBody().write(body);
                exchange.close();
            });
            keys.start();
        }
        return keys.getAddress().getPort();
    }

    @TestHTTPResource(value = "/metrics", management = true)
    URL metricsUrl;

    @Test
    void aTokenOfAKeyGoneFromTheSetIsRefusedThoughItWasAcceptedBefore() throws InterruptedException {
        // Tokens verified within a moment of a fetch of the keys are not kept; the service fetched them at start.
        Thread.sleep(5_000);
        var oldToken = OLD_KEY.token(LocalIssuer.Caller.CUSTOMER, Orders.uniqueCustomer());
        for (int i = 0; i < 2; i++) {
            given().auth().oauth2(oldToken).when().get("/orders").then().statusCode(200);
        }
        assertThat(Orders.keptTokens(metricsUrl))
                .as("the old key's token is kept once verified")
                .isPositive();

        published = NEW_KEY.jwks();
        var newToken = NEW_KEY.token(LocalIssuer.Caller.CUSTOMER, Orders.uniqueCustomer());
        given().auth().oauth2(newToken).when().get("/orders").then().statusCode(200);

        given().auth()
                .oauth2(oldToken)
                .when()
                .get("/orders")
                .then()
                .statusCode(401)
                .contentType("application/problem+json");
    }
}
