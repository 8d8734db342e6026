package dev.fulfilment.devstack.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.fulfilment.devstack.identity.LocalIssuer;
import dev.fulfilment.devstack.process.FreePort;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.jose4j.jwk.JsonWebKeySet;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.consumer.JwtConsumerBuilder;
import org.jose4j.keys.resolvers.JwksVerificationKeyResolver;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * ./dev-stack/token's way to a token: signing in at a running site as a person does, whatever
 * key its sign-in holds, and checked as the services in containers check it, by the site's
 * published key set.
 */
class SignInClientTests {

    private final LocalIssuer issuer = LocalIssuer.withNewKey();
    private WebSite site;
    private String reachedAt;

    @AfterEach
    void stop() {
        if (site != null) {
            site.close();
        }
    }

    @Test
    void eachKindOfCallerSignsInAndTheTokenVerifiesAgainstTheSitesPublishedKeys(@TempDir Path pages) throws Exception {
        var client = new SignInClient(URI.create(serve(pages, null)));

        var customer = claimsOf(client.token(LocalIssuer.Caller.CUSTOMER, "c-42"));
        assertThat(customer.getSubject()).isEqualTo("c-42");
        assertThat(customer.getIssuer()).isEqualTo(LocalIssuer.CUSTOMERS_ISSUER);

        var operator = claimsOf(client.token(LocalIssuer.Caller.OPERATOR, "alice"));
        assertThat(operator.getSubject()).isEqualTo("alice");
        assertThat(operator.getStringListClaimValue("cognito:groups")).containsExactly("operator");
        assertThat(claimsOf(client.token(LocalIssuer.Caller.OPERATOR, null)).getSubject())
                .isEqualTo("operator");

        var carrier = claimsOf(client.token(LocalIssuer.Caller.CARRIER, null));
        assertThat(carrier.getIssuer()).isEqualTo(LocalIssuer.STAFF_ISSUER);
        assertThat(carrier.getStringClaimValue("scope")).contains("fulfilment/shipments.deliver");
    }

    @Test
    void theBrowsersOriginIsWhereTheCodeReturnsEvenWhenTheSiteIsReachedElsewhere(@TempDir Path pages) {
        // In a container the server listens on 8080 while the browser knows it by the host's port.
        var reachedAt = serve(pages, "http://localhost:18080");

        var token = new SignInClient(URI.create(reachedAt)).token(LocalIssuer.Caller.CUSTOMER, "c-1");

        assertThat(token).isNotBlank();
    }

    @Test
    void aRefusedSignInSaysWhy(@TempDir Path pages) {
        var client = new SignInClient(URI.create(serve(pages, null)));

        assertThatThrownBy(() -> client.token(LocalIssuer.Caller.CUSTOMER, "no spaces allowed"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("refused (400)")
                .hasMessageContaining("A customer id is 1 to 64 letters");
    }

    @Test
    void noSiteRunningIsSaidPlainly() {
        var client = new SignInClient(URI.create("http://localhost:" + FreePort.pick()));

        assertThatThrownBy(() -> client.token(LocalIssuer.Caller.WAREHOUSE, null))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("no local sign-in answers at")
                .hasMessageContaining("./dev-stack/start, or docker compose up");
    }

    @Test
    void aPageOfAnotherSiteThatResolvesToThisMachineGetsNoToken(@TempDir Path pages) throws Exception {
        var site = URI.create(serve(pages, null));
        var form = "response_type=code&client_id=dev-stack-back-office&who=operator";

        var answer = rawPost(site, "attacker.example:" + site.getPort(), "/sign-in/authorize", form);

        assertThat(answer).startsWith("HTTP/1.1 421");
        assertThat(rawPost(site, "localhost:" + site.getPort(), "/sign-in/authorize", form))
                .as("the same request for localhost is answered (here: refused for its missing PKCE)")
                .startsWith("HTTP/1.1 400");
    }

    /** A POST with the Host header of one's choice, as a browser sends it after DNS rebinding. */
    private static String rawPost(URI site, String host, String path, String form) throws Exception {
        try (var socket = new java.net.Socket(site.getHost(), site.getPort())) {
            var request = "POST " + path + " HTTP/1.1\r\nHost: " + host
                    + "\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: " + form.length()
                    + "\r\nConnection: close\r\n\r\n" + form;
            socket.getOutputStream().write(request.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            return new String(socket.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        }
    }

    /**
     * Serves empty pages with the sign-in at a free port; returns where it is reached.
     *
     * @param origin the browser's origin, when not where it is reached
     */
    private String serve(Path pages, String origin) {
        try {
            Files.writeString(pages.resolve("index.html"), "<!doctype html>");
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        var port = FreePort.pick();
        reachedAt = "http://localhost:" + port;
        site = WebSite.serve(
                pages.toAbsolutePath().normalize(),
                new InetSocketAddress("localhost", port),
                origin == null ? reachedAt : origin,
                Map.of("orders", "http://localhost:8081"),
                issuer);
        return reachedAt;
    }

    private JwtClaims claimsOf(String token) throws Exception {
        var published = new JsonWebKeySet(fetch(reachedAt + "/.well-known/jwks.json"));
        return new JwtConsumerBuilder()
                .setVerificationKeyResolver(new JwksVerificationKeyResolver(published.getJsonWebKeys()))
                .setSkipDefaultAudienceValidation()
                .build()
                .processToClaims(token);
    }

    private static String fetch(String url) throws Exception {
        try (var client = java.net.http.HttpClient.newHttpClient()) {
            return client.send(
                            java.net.http.HttpRequest.newBuilder(URI.create(url))
                                    .build(),
                            java.net.http.HttpResponse.BodyHandlers.ofString())
                    .body();
        }
    }
}
