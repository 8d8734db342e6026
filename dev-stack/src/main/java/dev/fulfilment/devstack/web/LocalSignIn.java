package dev.fulfilment.devstack.web;

import dev.fulfilment.devstack.identity.LocalIssuer;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * A local stand-in for Cognito's hosted UI, for development only: the authorization
 * endpoint shows a form where you say who you are (a customer's id, or a staff role), and
 * the token endpoint trades the one-time code for dev-stack's own token, the same that
 * {@code ./dev-stack/token} prints. The web pages run the same authorization code flow with
 * PKCE against it as against Cognito: public clients, redirect URIs of this site only, S256
 * challenges, codes that live a minute and work once.
 */
final class LocalSignIn {

    /** The two public clients, as the identity module defines them in AWS: shop and back office. */
    enum Client {
        SHOP(LocalIssuer.Caller.CUSTOMER.clientId(), "/"),
        BACK_OFFICE(LocalIssuer.Caller.OPERATOR.clientId(), "/back-office.html");

        final String clientId;
        final String page;

        Client(String clientId, String page) {
            this.clientId = clientId;
            this.page = page;
        }

        static Optional<Client> of(String clientId) {
            for (var client : values()) {
                if (client.clientId.equals(clientId)) {
                    return Optional.of(client);
                }
            }
            return Optional.empty();
        }
    }

    /** A sign-in request whose parameters all check out. */
    record Request(Client client, String redirectUri, String state, String challenge) {}

    /** Thrown for a request that must not be answered with a redirect. */
    static final class Refused extends RuntimeException {
        Refused(String message) {
            super(message, null, false, false);
        }
    }

    private record Grant(String token, Client client, String redirectUri, String challenge, Instant expires) {}

    private static final Duration CODE_LIFETIME = Duration.ofMinutes(1);
    private static final Pattern SUBJECT = Pattern.compile("[A-Za-z0-9._@-]{1,64}");
    private static final Pattern CHALLENGE = Pattern.compile("[A-Za-z0-9_-]{43}");
    private static final Pattern STATE = Pattern.compile("[\\x21-\\x7e]{1,200}");

    private final LocalIssuer issuer;
    private final String origin;
    private final SecureRandom random = new SecureRandom();
    private final Map<String, Grant> grants = new ConcurrentHashMap<>();

    LocalSignIn(LocalIssuer issuer, String origin) {
        this.issuer = issuer;
        this.origin = origin;
    }

    /** Checks an authorization request (the query of GET, the form of POST). */
    Request check(Map<String, String> parameters) {
        if (!"code".equals(parameters.get("response_type"))) {
            throw new Refused("response_type must be code");
        }
        var client =
                Client.of(parameters.getOrDefault("client_id", "")).orElseThrow(() -> new Refused("unknown client_id"));
        var redirectUri = parameters.getOrDefault("redirect_uri", "");
        if (!redirectUri.equals(origin + client.page)) {
            throw new Refused("redirect_uri is not one of this client's: " + origin + client.page);
        }
        if (!"S256".equals(parameters.get("code_challenge_method"))
                || !CHALLENGE
                        .matcher(parameters.getOrDefault("code_challenge", ""))
                        .matches()) {
            throw new Refused("a PKCE code_challenge with code_challenge_method S256 is required");
        }
        var state = parameters.getOrDefault("state", "");
        if (!STATE.matcher(state).matches()) {
            throw new Refused("state is required");
        }
        return new Request(client, redirectUri, state, parameters.get("code_challenge"));
    }

    /**
     * Signs the chosen caller in: the redirect back to the page, with a one-time code.
     *
     * @param who a customer's id (shop), or operator, warehouse or carrier (back office)
     * @param operatorName the operator's name, which their stock adjustments record; null or
     *     blank for "operator"
     */
    URI approve(Request request, String who, String operatorName) {
        var token = switch (request.client()) {
            case SHOP -> {
                if (who == null || !SUBJECT.matcher(who).matches()) {
                    throw new IllegalArgumentException("A customer id is 1 to 64 letters, digits or . _ @ -");
                }
                yield issuer.token(LocalIssuer.Caller.CUSTOMER, who);
            }
            case BACK_OFFICE ->
                switch (who == null ? "" : who) {
                    case "operator" -> issuer.token(LocalIssuer.Caller.OPERATOR, operator(operatorName));
                    case "warehouse" -> issuer.token(LocalIssuer.Caller.WAREHOUSE, null);
                    case "carrier" -> issuer.token(LocalIssuer.Caller.CARRIER, null);
                    default -> throw new IllegalArgumentException("Choose operator, warehouse or carrier");
                };
        };
        var code = randomCode();
        grants.values().removeIf(grant -> grant.expires().isBefore(Instant.now()));
        grants.put(
                code,
                new Grant(
                        token,
                        request.client(),
                        request.redirectUri(),
                        request.challenge(),
                        Instant.now().plus(CODE_LIFETIME)));
        return URI.create(request.redirectUri() + "?code=" + code + "&state=" + encode(request.state()));
    }

    private static String operator(String name) {
        if (name == null || name.isBlank()) {
            return "operator";
        }
        if (!SUBJECT.matcher(name).matches()) {
            throw new IllegalArgumentException("An operator's name is 1 to 64 letters, digits or . _ @ -");
        }
        return name;
    }

    /** The token endpoint: the access token for a code, its verifier, client and redirect URI; empty otherwise. */
    Optional<String> exchange(Map<String, String> form) {
        if (!"authorization_code".equals(form.get("grant_type"))) {
            return Optional.empty();
        }
        var grant = grants.remove(form.getOrDefault("code", ""));
        if (grant == null
                || grant.expires().isBefore(Instant.now())
                || !grant.client().clientId.equals(form.get("client_id"))
                || !grant.redirectUri().equals(form.get("redirect_uri"))
                || !grant.challenge().equals(challengeOf(form.getOrDefault("code_verifier", "")))) {
            return Optional.empty();
        }
        return Optional.of(grant.token());
    }

    static String challengeOf(String verifier) {
        try {
            var digest = MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private String randomCode() {
        var bytes = new byte[32];
        random.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static String encode(String value) {
        return java.net.URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
