package dev.fulfilment.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/**
 * Who may call what, as a table a service's tests hold and check against the running service:
 * every operation of its OpenAPI document needs a rule, and every kind of caller, signed in or
 * not, gets the answer its rule says (its own 2xx or 404 when allowed; 401 with a Bearer
 * challenge without a token; 403 with a token that lacks the role). An endpoint added without a
 * rule fails the check.
 */
public final class AccessRules {

    /** The kinds of caller, and nobody. */
    public enum Kind {
        ANONYMOUS,
        CUSTOMER,
        OPERATOR,
        WAREHOUSE,
        CARRIER;

        String token() {
            return switch (this) {
                case ANONYMOUS -> null;
                case CUSTOMER -> TestTokens.customer("c-access-rules");
                case OPERATOR -> TestTokens.operator();
                case WAREHOUSE -> TestTokens.warehouse();
                case CARRIER -> TestTokens.carrier();
            };
        }
    }

    /**
     * One operation and who may call it.
     *
     * @param path as the OpenAPI document names it, e.g. {@code /orders/{id}}
     * @param example a path to call, e.g. {@code /orders/6f1c...}
     * @param body what to send, or null
     */
    public record Rule(String method, String path, Set<Kind> allowed, String example, String body) {

        /** Anyone may call it, signed in or not. */
        public Rule open() {
            return new Rule(method, path, EnumSet.allOf(Kind.class), example, body);
        }

        public Rule allow(Kind first, Kind... rest) {
            return new Rule(method, path, EnumSet.of(first, rest), example, body);
        }

        /** Calls it as {@code example} (path parameters filled in, a query added). */
        public Rule as(String example) {
            return new Rule(method, path, allowed, example, body);
        }

        public Rule sending(String body) {
            return new Rule(method, path, allowed, example, body);
        }

        String key() {
            return method + " " + path;
        }
    }

    public static Rule rule(String method, String path) {
        return new Rule(method.toUpperCase(Locale.ROOT), path, EnumSet.noneOf(Kind.class), path, null);
    }

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final ObjectMapper JSON = new ObjectMapper();

    private AccessRules() {}

    /**
     * @param api the service's API, e.g. http://localhost:8081
     * @param openApi its OpenAPI document (JSON), from the management interface
     * @throws AssertionError listing every operation without a rule and every answer that is
     *     not the one its rule says
     */
    public static void check(URI api, URI openApi, List<Rule> rules) {
        var failures = new ArrayList<String>();
        var documented = operations(openApi);
        var ruled = new TreeSet<String>();
        for (var rule : rules) {
            ruled.add(rule.key());
        }
        for (var operation : documented) {
            if (!ruled.contains(operation)) {
                failures.add(operation + ": no access rule; add one to the table");
            }
        }
        for (var rule : rules) {
            if (!documented.contains(rule.key())) {
                failures.add(rule.key() + ": a rule for an operation the service does not have");
                continue;
            }
            for (var kind : Kind.values()) {
                var answer = call(api, rule, kind);
                var problem = judge(rule, kind, answer);
                if (problem != null) {
                    failures.add(rule.key() + " as " + kind + ": " + problem);
                }
            }
        }
        if (!failures.isEmpty()) {
            throw new AssertionError("Access rules not met:\n  " + String.join("\n  ", failures));
        }
    }

    private static String judge(Rule rule, Kind kind, HttpResponse<String> answer) {
        int status = answer.statusCode();
        if (rule.allowed().contains(kind)) {
            return status == 401 || status == 403 || status >= 500
                    ? "allowed, but answered " + status + " " + answer.body()
                    : null;
        }
        var contentType = answer.headers().firstValue("Content-Type").orElse("");
        if (!contentType.startsWith("application/problem+json")) {
            return "refusal is not problem+json (" + status + ", " + contentType + ")";
        }
        if (kind == Kind.ANONYMOUS) {
            var challenge = answer.headers().firstValue("WWW-Authenticate").orElse("");
            return status == 401 && challenge.startsWith("Bearer")
                    ? null
                    : "expected 401 with WWW-Authenticate: Bearer, got " + status + " '" + challenge + "'";
        }
        return status == 403 ? null : "expected 403, got " + status;
    }

    private static HttpResponse<String> call(URI api, Rule rule, Kind kind) {
        var request = HttpRequest.newBuilder(api.resolve(rule.example()))
                .method(
                        rule.method(),
                        rule.body() == null
                                ? HttpRequest.BodyPublishers.noBody()
                                : HttpRequest.BodyPublishers.ofString(rule.body()))
                .header("Accept", "application/json");
        if (rule.body() != null) {
            request.header("Content-Type", "application/json");
        }
        var token = kind.token();
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return send(request.build());
    }

    /** "GET /orders/{id}", ... of the OpenAPI document. */
    static Set<String> operations(URI openApi) {
        var answer = send(HttpRequest.newBuilder(openApi)
                .header("Accept", "application/json")
                .build());
        if (answer.statusCode() != 200) {
            throw new AssertionError("no OpenAPI document at " + openApi + ": " + answer.statusCode());
        }
        JsonNode document;
        try {
            document = JSON.readTree(answer.body());
        } catch (IOException e) {
            throw new AssertionError("the OpenAPI document at " + openApi + " is not JSON", e);
        }
        var operations = new LinkedHashSet<String>();
        document.path("paths")
                .properties()
                .forEach(path -> path.getValue().properties().forEach(operation -> {
                    var method = operation.getKey().toUpperCase(Locale.ROOT);
                    if (Set.of("GET", "PUT", "POST", "DELETE", "PATCH").contains(method)) {
                        operations.add(method + " " + path.getKey());
                    }
                }));
        return operations;
    }

    private static HttpResponse<String> send(HttpRequest request) {
        try {
            return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new AssertionError("cannot reach " + request.uri(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }
}
