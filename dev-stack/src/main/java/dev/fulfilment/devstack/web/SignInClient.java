package dev.fulfilment.devstack.web;

import dev.fulfilment.devstack.identity.LocalIssuer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;
import org.jose4j.json.JsonUtil;
import org.jose4j.lang.JoseException;

/**
 * Signs in at a running local sign-in ({@code ./dev-stack/start}'s or docker-compose's web
 * pages) as a person does in the browser: the authorization code flow with PKCE of the page's
 * client, the form answered with who signs in, the code traded for the token. Whatever key
 * that sign-in holds, its tokens are the ones its services accept: this is how {@code
 * ./dev-stack/token} and the system tests get tokens of a stack they did not start.
 */
public final class SignInClient {

    private final URI site;
    private final HttpClient http = HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(5))
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
    private final SecureRandom random = new SecureRandom();

    /** @param site where the pages are served, e.g. http://localhost:8080 */
    public SignInClient(URI site) {
        this.site = site;
    }

    /**
     * An access token of the caller.
     *
     * @param subject the customer's id (customers), the operator's name (operators, null for
     *     "operator"); ignored for the warehouse and the carrier
     * @throws IllegalStateException when no sign-in answers at the site, or it refuses
     */
    public String token(LocalIssuer.Caller caller, String subject) {
        var client = caller == LocalIssuer.Caller.CUSTOMER ? "shop" : "backOffice";
        var provider = signInProvider(client);
        var clientId = (String) provider.get("clientId");
        var authorizeUrl = URI.create((String) provider.get("authorizeUrl"));
        // The page the client returns to: the sign-in accepts its own origin's pages only. The
        // origin is the browser's; the requests go to the site this client was given (inside a
        // container, the same server on another port).
        var origin = authorizeUrl.resolve("/").toString();
        var redirectUri = origin + (caller == LocalIssuer.Caller.CUSTOMER ? "" : "back-office.html");
        var verifier = randomText();
        var state = randomText();

        var answer = new LinkedHashMap<String, String>();
        answer.put("response_type", "code");
        answer.put("client_id", clientId);
        answer.put("redirect_uri", redirectUri);
        answer.put("scope", "openid");
        answer.put("state", state);
        answer.put("code_challenge", LocalSignIn.challengeOf(verifier));
        answer.put("code_challenge_method", "S256");
        switch (caller) {
            case CUSTOMER -> answer.put("who", subject);
            case OPERATOR -> {
                answer.put("who", "operator");
                answer.put("name", subject == null ? "" : subject);
            }
            case WAREHOUSE -> answer.put("who", "warehouse");
            case CARRIER -> answer.put("who", "carrier");
        }
        var approved = post(site.resolve(authorizeUrl.getRawPath()), answer);
        var location = approved.headers().firstValue("Location").orElse("");
        if (approved.statusCode() != 303 || !location.startsWith(redirectUri + "?code=")) {
            throw new IllegalStateException(
                    "the sign-in at " + authorizeUrl + " refused (" + approved.statusCode() + "): "
                            + approved.body()
                                    .replaceAll("<[^>]+>", " ")
                                    .replaceAll("\\s+", " ")
                                    .trim());
        }
        var returned = WebSite.parse(URI.create(location).getRawQuery());
        if (!state.equals(returned.get("state"))) {
            throw new IllegalStateException("the sign-in returned another state than it was sent");
        }

        var exchange = new LinkedHashMap<String, String>();
        exchange.put("grant_type", "authorization_code");
        exchange.put("code", returned.get("code"));
        exchange.put("code_verifier", verifier);
        exchange.put("client_id", clientId);
        exchange.put("redirect_uri", redirectUri);
        var tokenUrl =
                site.resolve(URI.create((String) provider.get("tokenUrl")).getRawPath());
        var tokens = post(tokenUrl, exchange);
        if (tokens.statusCode() != 200) {
            throw new IllegalStateException(
                    "the token endpoint " + tokenUrl + " refused (" + tokens.statusCode() + "): " + tokens.body());
        }
        return (String) json(tokens.body()).get("access_token");
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> signInProvider(String client) {
        var configuration = site.resolve("/config.json");
        var response = send(HttpRequest.newBuilder(configuration).GET().build(), configuration);
        if (response.statusCode() != 200) {
            throw new IllegalStateException(configuration + " answered " + response.statusCode());
        }
        var signIn = (Map<String, Object>) json(response.body()).get("signIn");
        return (Map<String, Object>) signIn.get(client);
    }

    private HttpResponse<String> post(URI uri, Map<String, String> form) {
        var body = form.entrySet().stream()
                .map(entry -> encode(entry.getKey()) + "=" + encode(entry.getValue()))
                .collect(Collectors.joining("&"));
        return send(
                HttpRequest.newBuilder(uri)
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString(body))
                        .build(),
                uri);
    }

    private HttpResponse<String> send(HttpRequest request, URI uri) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException(
                    "no local sign-in answers at " + site + " (" + uri + ": " + e + "): is the system running"
                            + " (./dev-stack/start, or docker compose up)?",
                    e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while signing in at " + uri, e);
        }
    }

    private static Map<String, Object> json(String body) {
        try {
            return JsonUtil.parseJson(body);
        } catch (JoseException e) {
            throw new UncheckedIOException(new IOException("not JSON: " + body, e));
        }
    }

    private String randomText() {
        var bytes = new byte[32];
        random.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
