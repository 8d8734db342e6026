package dev.fulfilment.devstack.web;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.fulfilment.devstack.identity.LocalIssuer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Executors;
import org.jose4j.json.JsonUtil;

/**
 * The shop and the back office, locally: the built pages of {@code web/} as static files,
 * {@code /config.json} naming the services' URLs and the sign-in, and {@link LocalSignIn} at
 * {@code /sign-in/}. Every answer carries the headers a CDN adds in AWS (Terraform's response
 * headers policy): a Content-Security-Policy that lets scripts, styles and connections come
 * from this site and the services only, no framing, no referrer, no sniffing.
 */
public final class WebSite implements AutoCloseable {

    private static final Map<String, String> TYPES = Map.of(
            "html", "text/html; charset=utf-8",
            "js", "text/javascript; charset=utf-8",
            "css", "text/css; charset=utf-8",
            "json", "application/json",
            "svg", "image/svg+xml",
            "png", "image/png");

    private final HttpServer server;
    private final String origin;

    private WebSite(HttpServer server, String origin) {
        this.server = server;
        this.origin = origin;
    }

    /** The origin the pages are served from, for the services' CORS origins: http://localhost:PORT. */
    public static String origin(int port) {
        return "http://localhost:" + port;
    }

    /**
     * Builds the pages when needed and serves them on this machine only, as ./dev-stack/start does.
     *
     * @param apis the services' base URLs by the name the pages use (orders, inventory, shipments)
     */
    public static WebSite start(Path projectRoot, int port, Map<String, String> apis, LocalIssuer issuer) {
        var pages = WebBuild.ensureBuilt(projectRoot.resolve("web"));
        return serve(pages, new InetSocketAddress("localhost", port), origin(port), apis, issuer);
    }

    /**
     * Serves built pages.
     *
     * @param address where to listen
     * @param origin the pages' origin as the browser sees it: the sign-in's redirect URIs are on it
     */
    static WebSite serve(
            Path pages, InetSocketAddress address, String origin, Map<String, String> apis, LocalIssuer issuer) {
        var signIn = new LocalSignIn(issuer, origin);
        var csp = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self' "
                + String.join(" ", apis.values())
                + "; form-action 'self'; base-uri 'none'; frame-ancestors 'none'";
        try {
            var server = HttpServer.create(address, 64);
            server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
            server.createContext("/", exchange -> answer(exchange, csp, () -> serveFile(exchange, pages)));
            server.createContext(
                    "/config.json",
                    exchange -> answer(exchange, csp, () -> {
                        send(exchange, 200, "application/json", configuration(origin, apis));
                    }));
            // Where the services fetch the issuer's key, as they fetch a Cognito pool's.
            server.createContext(
                    "/.well-known/jwks.json",
                    exchange -> answer(exchange, csp, () -> send(exchange, 200, "application/json", issuer.jwks())));
            server.createContext(
                    "/sign-in/authorize",
                    exchange -> answer(exchange, csp, () -> {
                        if (fromThisMachine(exchange)) {
                            authorize(exchange, signIn);
                        }
                    }));
            server.createContext(
                    "/sign-in/token",
                    exchange -> answer(exchange, csp, () -> {
                        if (fromThisMachine(exchange)) {
                            token(exchange, signIn);
                        }
                    }));
            server.start();
            return new WebSite(server, origin);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot serve the web pages on " + address, e);
        }
    }

    /**
     * The web image's entry point (Dockerfile, target web): the built pages of {@code WEB_PAGES}
     * on port 8080 of every interface, the sign-in's key in {@code ISSUER_DIRECTORY} (made
     * there on first start), the pages' origin in {@code WEB_ORIGIN} and the services' URLs, as
     * the browser reaches them, in {@code WEB_API_ORDERS}, {@code _INVENTORY} and {@code
     * _SHIPMENTS}; the defaults are ./dev-stack/start's.
     */
    public static void main(String[] args) throws InterruptedException {
        var apis = new LinkedHashMap<String, String>();
        apis.put("orders", setting("WEB_API_ORDERS", "http://localhost:8081"));
        apis.put("inventory", setting("WEB_API_INVENTORY", "http://localhost:8082"));
        apis.put("shipments", setting("WEB_API_SHIPMENTS", "http://localhost:8083"));
        var issuer = LocalIssuer.in(Path.of(setting("ISSUER_DIRECTORY", "/var/lib/issuer")));
        var web = serve(
                Path.of(setting("WEB_PAGES", "/web/pages")).toAbsolutePath().normalize(),
                new InetSocketAddress(8080),
                setting("WEB_ORIGIN", origin(8080)),
                apis,
                issuer);
        System.out.println("The shop: " + web.url() + " , the back office: " + web.backOfficeUrl()
                + " ; the local sign-in's key: " + issuer.keyId());
        Runtime.getRuntime().addShutdownHook(new Thread(web::close, "web-stop"));
        Thread.currentThread().join();
    }

    private static String setting(String name, String defaultValue) {
        var value = System.getenv(name);
        return value == null || value.isBlank() ? defaultValue : value.trim();
    }

    public String url() {
        return origin + "/";
    }

    public String backOfficeUrl() {
        return origin + "/back-office.html";
    }

    @Override
    public void close() {
        server.stop(0);
    }

    private interface Handler {
        void handle() throws IOException;
    }

    private static void answer(HttpExchange exchange, String csp, Handler handler) throws IOException {
        try (exchange) {
            var headers = exchange.getResponseHeaders();
            headers.set("Content-Security-Policy", csp);
            headers.set("X-Content-Type-Options", "nosniff");
            headers.set("Referrer-Policy", "no-referrer");
            headers.set("X-Frame-Options", "DENY");
            headers.set("Cross-Origin-Opener-Policy", "same-origin");
            headers.set("Permissions-Policy", "camera=(), microphone=(), geolocation=(), payment=()");
            handler.handle();
        } catch (RuntimeException e) {
            send(exchange, 500, "text/plain; charset=utf-8", "dev-stack's web server failed: " + e);
        }
    }

    /**
     * Whether the request names this machine as its host (localhost or 127.0.0.1, any port); a
     * page of another site whose name an attacker pointed at 127.0.0.1 (DNS rebinding) names its
     * own, and gets no token. Answers 421 otherwise.
     */
    private static boolean fromThisMachine(HttpExchange exchange) throws IOException {
        var host = exchange.getRequestHeaders().getFirst("Host");
        if (host != null && LOCAL_HOST.matcher(host).matches()) {
            return true;
        }
        send(exchange, 421, "text/plain; charset=utf-8", "The sign-in answers requests for localhost only.");
        return false;
    }

    private static final java.util.regex.Pattern LOCAL_HOST =
            java.util.regex.Pattern.compile("(localhost|127\\.0\\.0\\.1)(:\\d{1,5})?");

    private static void serveFile(HttpExchange exchange, Path pages) throws IOException {
        if (!exchange.getRequestMethod().equals("GET")
                && !exchange.getRequestMethod().equals("HEAD")) {
            send(exchange, 405, "text/plain; charset=utf-8", "GET only");
            return;
        }
        var path = exchange.getRequestURI().getPath();
        var file = pages.resolve(path.equals("/") ? "index.html" : path.substring(1))
                .normalize();
        if (!file.startsWith(pages) || !Files.isRegularFile(file)) {
            send(exchange, 404, "text/plain; charset=utf-8", "Not found");
            return;
        }
        var name = file.getFileName().toString();
        var type = TYPES.getOrDefault(name.substring(name.lastIndexOf('.') + 1), "application/octet-stream");
        // Hashed assets never change; the pages that name them are read again every time.
        exchange.getResponseHeaders()
                .set("Cache-Control", path.startsWith("/assets/") ? "public, max-age=31536000, immutable" : "no-cache");
        exchange.getResponseHeaders().set("Content-Type", type);
        var body = Files.readAllBytes(file);
        exchange.sendResponseHeaders(200, exchange.getRequestMethod().equals("HEAD") ? -1 : body.length);
        if (!exchange.getRequestMethod().equals("HEAD")) {
            exchange.getResponseBody().write(body);
        }
    }

    /** What the pages read first, in the shape Terraform writes it for AWS. */
    static String configuration(String origin, Map<String, String> apis) {
        return JsonUtil.toJson(Map.of(
                "api",
                apis,
                "signIn",
                Map.of(
                        "shop", provider(origin, LocalSignIn.Client.SHOP),
                        "backOffice", provider(origin, LocalSignIn.Client.BACK_OFFICE))));
    }

    private static Map<String, Object> provider(String origin, LocalSignIn.Client client) {
        return Map.of(
                "authorizeUrl",
                origin + "/sign-in/authorize",
                "tokenUrl",
                origin + "/sign-in/token",
                "clientId",
                client.clientId,
                "scope",
                "openid");
    }

    private static void authorize(HttpExchange exchange, LocalSignIn signIn) throws IOException {
        var post = exchange.getRequestMethod().equals("POST");
        var parameters = post ? form(exchange) : parse(exchange.getRequestURI().getRawQuery());
        LocalSignIn.Request request;
        try {
            request = signIn.check(parameters);
        } catch (LocalSignIn.Refused refused) {
            send(exchange, 400, "text/html; charset=utf-8", SignInPage.refused(refused.getMessage()));
            return;
        }
        if (!post) {
            send(exchange, 200, "text/html; charset=utf-8", SignInPage.form(request, parameters, null));
            return;
        }
        URI back;
        try {
            back = signIn.approve(request, parameters.get("who"), parameters.get("name"));
        } catch (IllegalArgumentException invalid) {
            send(exchange, 400, "text/html; charset=utf-8", SignInPage.form(request, parameters, invalid.getMessage()));
            return;
        }
        exchange.getResponseHeaders().set("Location", back.toString());
        exchange.getResponseHeaders().set("Cache-Control", "no-store");
        exchange.sendResponseHeaders(303, -1);
    }

    private static void token(HttpExchange exchange, LocalSignIn signIn) throws IOException {
        exchange.getResponseHeaders().set("Cache-Control", "no-store");
        if (!exchange.getRequestMethod().equals("POST")) {
            send(exchange, 405, "application/json", "{\"error\":\"invalid_request\"}");
            return;
        }
        var token = signIn.exchange(form(exchange));
        if (token.isEmpty()) {
            send(exchange, 400, "application/json", "{\"error\":\"invalid_grant\"}");
            return;
        }
        send(
                exchange,
                200,
                "application/json",
                JsonUtil.toJson(Map.of(
                        "access_token", token.get(),
                        "token_type", "Bearer",
                        "expires_in", LocalIssuer.LIFETIME.toSeconds())));
    }

    private static Map<String, String> form(HttpExchange exchange) throws IOException {
        var body = new String(exchange.getRequestBody().readNBytes(16_384), StandardCharsets.UTF_8);
        return parse(body);
    }

    static Map<String, String> parse(String encoded) {
        var parameters = new LinkedHashMap<String, String>();
        if (encoded == null || encoded.isEmpty()) {
            return parameters;
        }
        for (var pair : encoded.split("&")) {
            var equals = pair.indexOf('=');
            var name = URLDecoder.decode(equals < 0 ? pair : pair.substring(0, equals), StandardCharsets.UTF_8);
            var value = equals < 0 ? "" : URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8);
            parameters.putIfAbsent(name, value);
        }
        return parameters;
    }

    private static void send(HttpExchange exchange, int status, String type, String body) throws IOException {
        var bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", type);
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }
}
