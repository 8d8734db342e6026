package dev.fulfilment.devstack;

import dev.fulfilment.devstack.identity.LocalIssuer;
import dev.fulfilment.devstack.observe.Observability;
import dev.fulfilment.devstack.process.ChildProcess;
import dev.fulfilment.devstack.process.FreePort;
import dev.fulfilment.devstack.servers.DynamoDbEmulator;
import dev.fulfilment.devstack.servers.ElasticMq;
import dev.fulfilment.devstack.servers.LocalServers;
import dev.fulfilment.devstack.web.WebSite;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;

/**
 * The whole system on one machine: the servers of {@link LocalServers} and the three services
 * as child processes, each started from its packaged Quarkus application. {@link #main} is
 * what {@code ./dev-stack/start} runs; the system tests start the same stack on free ports.
 */
public final class DevStack implements AutoCloseable {

    /**
     * @param projectRoot the folder with the services' folders
     * @param workDirectory where the servers keep their files and everything writes its log
     * @param serverPorts ports of PostgreSQL, ElasticMQ and the DynamoDB emulator (0: a free one)
     * @param servicePorts HTTP port of each service (0: free ones for its API and its management)
     * @param disposable for tests: throw-away PostgreSQL files, no fsync
     * @param route how the services reach the servers: straight, or (system tests) through
     *     proxies a test can cut off
     * @param observe record every span and start Zipkin (and Prometheus when installed)
     * @param webOrigin where the web pages are served from (the services let it call them:
     *     CORS), or null
     */
    public record Settings(
            Path projectRoot,
            Path workDirectory,
            LocalServers.Ports serverPorts,
            Map<Service, Integer> servicePorts,
            boolean disposable,
            LocalServers.Route route,
            boolean observe,
            String webOrigin) {

        /** The stack on free ports with throw-away data, as tests and benchmarks run it. */
        public static Settings disposable(Path projectRoot, Path workDirectory) {
            return new Settings(
                    projectRoot,
                    workDirectory,
                    LocalServers.Ports.free(),
                    Map.of(Service.ORDER, 0, Service.INVENTORY, 0, Service.SHIPPING, 0),
                    true,
                    LocalServers.Route.DIRECT,
                    false,
                    null);
        }

        public Settings withRoute(LocalServers.Route route) {
            return new Settings(
                    projectRoot, workDirectory, serverPorts, servicePorts, disposable, route, observe, webOrigin);
        }

        public Settings observed() {
            return new Settings(
                    projectRoot, workDirectory, serverPorts, servicePorts, disposable, route, true, webOrigin);
        }

        public Settings withWebOrigin(String origin) {
            return new Settings(
                    projectRoot, workDirectory, serverPorts, servicePorts, disposable, route, observe, origin);
        }
    }

    /** How long ECS waits after SIGTERM before it kills a container (the task definition's stopTimeout). */
    static final Duration ECS_STOP_TIMEOUT = Duration.ofSeconds(30);

    private final Settings settings;
    private final LocalServers servers;
    private final Map<Service, ChildProcess> services;
    private final Map<Service, Integer> ports;
    private final Map<Service, Integer> managementPorts = new EnumMap<>(Service.class);
    private final Map<Service, Duration> startupTimes;
    private final LocalIssuer issuer;
    private Observability observability;

    private DevStack(
            Settings settings,
            LocalServers servers,
            Map<Service, ChildProcess> services,
            Map<Service, Integer> ports,
            Map<Service, Duration> startupTimes,
            LocalIssuer issuer) {
        this.settings = settings;
        this.servers = servers;
        this.services = services;
        this.ports = ports;
        this.startupTimes = startupTimes;
        this.issuer = issuer;
    }

    /** Where dev-stack's issuer keeps its key, which ./dev-stack/token signs with. */
    static Path issuerDirectory(Path projectRoot) {
        return runDirectory(projectRoot).resolve("auth");
    }

    /** Where ./dev-stack/start keeps the servers' files and the logs. */
    private static Path runDirectory(Path projectRoot) {
        return projectRoot.resolve("dev-stack/target/run");
    }

    public static DevStack start(Settings settings) {
        for (var service : Service.values()) {
            var application = applicationJar(settings.projectRoot(), service);
            if (!Files.isRegularFile(application)) {
                throw new IllegalStateException(
                        application + " is missing: package the services first (./mvnw package -DskipTests)");
            }
        }
        var servers = LocalServers.start(
                EnumSet.allOf(LocalServers.Server.class),
                settings.workDirectory(),
                settings.serverPorts(),
                settings.disposable());

        var ports = new EnumMap<Service, Integer>(Service.class);
        var processes = new EnumMap<Service, ChildProcess>(Service.class);
        var startupTimes = new EnumMap<Service, Duration>(Service.class);
        var issuer = LocalIssuer.in(settings.workDirectory().resolve("auth"));
        // (for ./dev-stack/start that is issuerDirectory(projectRoot), where ./dev-stack/token looks)
        var stack = new DevStack(settings, servers, processes, ports, startupTimes, issuer);
        if (settings.observe()) {
            // Tests take a free port; ./dev-stack/start the usual one.
            stack.observability = Observability.start(
                    settings.projectRoot(),
                    settings.workDirectory(),
                    settings.disposable() ? FreePort.pick() : Observability.ZIPKIN_PORT);
        }
        try (var executor = Executors.newVirtualThreadPerTaskExecutor()) {
            var starting = new ArrayList<CompletableFuture<Void>>();
            for (var service : Service.values()) {
                var port = settings.servicePorts().getOrDefault(service, service.defaultPort());
                ports.put(service, port == 0 ? FreePort.pick() : port);
                stack.managementPorts.put(service, port == 0 ? FreePort.pick() : service.defaultManagementPort());
                starting.add(CompletableFuture.runAsync(() -> stack.startService(service), executor));
            }
            CompletableFuture.allOf(starting.toArray(CompletableFuture[]::new)).join();
            if (stack.observability != null && !settings.disposable()) {
                var targets = new LinkedHashMap<String, Integer>();
                stack.managementPorts.forEach((service, port) -> targets.put(service.directoryName(), port));
                stack.observability = stack.observability.withPrometheus(settings.workDirectory(), targets);
            }
        } catch (RuntimeException e) {
            stack.close();
            throw e;
        }
        return stack;
    }

    private void startService(Service service) {
        var configuration = new HashMap<>(servers.serviceConfiguration(service.database(), settings.route()));
        configuration.putAll(service.localConfiguration());
        configuration.putAll(issuer.serviceConfiguration());
        if (observability != null) {
            configuration.putAll(observability.serviceConfiguration());
        }
        configuration.put("quarkus.http.port", Integer.toString(ports.get(service)));
        configuration.put("quarkus.management.port", Integer.toString(managementPorts.get(service)));
        // This machine only: a laptop's services and their management answer no one on its network.
        configuration.put("quarkus.http.host", "127.0.0.1");
        configuration.put("quarkus.management.host", "127.0.0.1");
        // Swagger UI is on the management port; its requests go to the API's, which lets
        // that page (and no other) call it from the browser.
        configuration.put("quarkus.smallrye-openapi.servers", url(service));
        configuration.put("quarkus.http.cors.enabled", "true");
        configuration.put(
                "quarkus.http.cors.origins",
                settings.webOrigin() == null
                        ? managementUrl(service)
                        : managementUrl(service) + "," + settings.webOrigin());
        // A stop waits for the current long poll: locally, Ctrl-C should not take ten seconds.
        configuration.put("messaging.consumer.wait-time-seconds", "2");
        boolean restart;
        synchronized (services) {
            restart = services.containsKey(service);
        }
        var process = ChildProcess.start(
                service.directoryName(),
                serviceCommand(settings.projectRoot(), service),
                LocalServers.asEnvironment(configuration),
                settings.workDirectory().resolve(service.directoryName() + ".log"),
                restart);
        synchronized (services) {
            services.put(service, process);
        }
        var startup = process.awaitHttp(
                managementUrl(service) + "/q/health/ready", status -> status == 200, Duration.ofSeconds(90));
        synchronized (startupTimes) {
            startupTimes.put(service, startup);
        }
    }

    /** Kills the service without warning and starts it again; returns once it is ready. */
    public void crashAndRestart(Service service) {
        services.get(service).kill();
        startService(service);
    }

    /**
     * Asks the service to stop (SIGTERM, as ECS does), waits for it to exit, and starts it
     * again; returns how long it took to exit.
     *
     * @throws IllegalStateException when it had not exited after ECS's stopTimeout (30 s) and
     *     was killed, as ECS would
     */
    public Duration stopGracefullyAndRestart(Service service) {
        var started = System.nanoTime();
        var exited = services.get(service).stop(ECS_STOP_TIMEOUT);
        var stopped = Duration.ofNanos(System.nanoTime() - started);
        if (!exited) {
            throw new IllegalStateException(service.directoryName() + " did not exit within " + ECS_STOP_TIMEOUT
                    + " of SIGTERM and was killed, as ECS would; see " + logFile(service));
        }
        startService(service);
        return stopped;
    }

    /** Stops the service (SIGTERM) and leaves it stopped until {@link #startAgain}. */
    public void stop(Service service) {
        services.get(service).close();
    }

    /** Starts a stopped service; returns once it is ready. */
    public void startAgain(Service service) {
        startService(service);
    }

    /** Stops the service and starts it again alone; returns its time to the first ready answer. */
    public Duration restart(Service service) {
        services.get(service).close();
        startService(service);
        return startupTime(service);
    }

    static Path applicationJar(Path projectRoot, Service service) {
        return projectRoot.resolve(service.directoryName()).resolve("target/quarkus-app/quarkus-run.jar");
    }

    private static List<String> serviceCommand(Path projectRoot, Service service) {
        var application = applicationJar(projectRoot, service);
        var command = new ArrayList<>(List.of(
                ChildProcess.javaExecutable(),
                // Small, steady footprint for a service that holds little in memory; see docs/benchmarks.md.
                "-XX:+UseSerialGC",
                "-Xmx128m",
                "-XX:ReservedCodeCacheSize=64m",
                "-XX:MaxMetaspaceSize=128m",
                "-Xss512k",
                "-XX:TrimNativeHeapInterval=5000",
                "-XX:+ExitOnOutOfMemoryError"));
        // The JDK's AOT cache the build recorded beside the jar (docs/decisions/0016); a JVM that
        // cannot use it (another JDK build, a changed jar) says so in the log and starts without.
        var aotCache = application.resolveSibling("app.aot");
        if (Files.isRegularFile(aotCache)) {
            command.add("-XX:AOTCache=" + aotCache);
        }
        command.addAll(List.of("-jar", application.toString()));
        return command;
    }

    public String url(Service service) {
        return "http://localhost:" + ports.get(service);
    }

    /** The services' base URLs by the name the web pages give them. */
    public Map<String, String> apis() {
        var apis = new LinkedHashMap<String, String>();
        apis.put("orders", url(Service.ORDER));
        apis.put("inventory", url(Service.INVENTORY));
        apis.put("shipments", url(Service.SHIPPING));
        return apis;
    }

    /** Health, metrics, the API description and Swagger UI. */
    public String managementUrl(Service service) {
        return "http://localhost:" + managementPorts.get(service);
    }

    /** The issuer whose tokens the services accept. */
    public LocalIssuer issuer() {
        return issuer;
    }

    public LocalServers servers() {
        return servers;
    }

    public long pid(Service service) {
        return services.get(service).pid();
    }

    /** Time from starting the service's process to its first successful readiness answer. */
    public Duration startupTime(Service service) {
        return startupTimes.get(service);
    }

    public Path logFile(Service service) {
        return services.get(service).logFile();
    }

    /** Stops the services first, so that they finish their in-flight messages, then the servers. */
    @Override
    public void close() {
        services.values().parallelStream().forEach(ChildProcess::close);
        servers.close();
        if (observability != null) {
            observability.close();
        }
    }

    /** Zipkin and Prometheus, when started with Settings.observe. */
    public Optional<Observability> observability() {
        return Optional.ofNullable(observability);
    }

    public static void main(String[] args) throws InterruptedException {
        var projectRoot =
                Path.of(args.length > 0 ? args[0] : ".").toAbsolutePath().normalize();
        var workDirectory = runDirectory(projectRoot);
        var serverPorts = new LocalServers.Ports(
                intFromEnvironment("DEV_STACK_POSTGRES_PORT", 15432),
                intFromEnvironment("DEV_STACK_SQS_PORT", 9324),
                intFromEnvironment("DEV_STACK_DYNAMODB_PORT", 8000));
        requireFree("PostgreSQL", serverPorts.postgres());
        requireFree("ElasticMQ", serverPorts.sqs());
        requireFree("the DynamoDB emulator", serverPorts.dynamoDb());
        for (var service : Service.values()) {
            requireFree(service.directoryName(), service.defaultPort());
            requireFree(service.directoryName() + "'s management", service.defaultManagementPort());
        }
        System.out.println("Starting PostgreSQL, ElasticMQ and the DynamoDB emulator, then the services; logs in "
                + workDirectory);
        var observe = java.util.Arrays.asList(args).contains("--observe");
        if (observe) {
            requireFree("Zipkin", Observability.ZIPKIN_PORT);
        }
        var webPort = intFromEnvironment("DEV_STACK_WEB_PORT", 8080);
        requireFree("the web pages", webPort);
        var stack = start(new Settings(
                projectRoot,
                workDirectory,
                serverPorts,
                Map.of(),
                false,
                LocalServers.Route.DIRECT,
                observe,
                WebSite.origin(webPort)));
        WebSite web;
        try {
            web = WebSite.start(projectRoot, webPort, stack.apis(), stack.issuer());
        } catch (RuntimeException e) {
            stack.close();
            throw e;
        }
        var stopped = new CountDownLatch(1);
        Runtime.getRuntime()
                .addShutdownHook(new Thread(
                        () -> {
                            System.out.println("\nStopping the services and the servers...");
                            web.close();
                            stack.close();
                            System.out.println("Stopped.");
                            stopped.countDown();
                        },
                        "dev-stack-stop"));
        printWelcome(stack, web);
        stack.observability().ifPresent(DevStack::printObservability);
        stopped.await();
    }

    private static void printWelcome(DevStack stack, WebSite web) {
        var order = stack.url(Service.ORDER);
        System.out.printf(
                """

                The order-fulfilment system is running. Ctrl-C stops everything.

                  shop               %s   (sign in as any customer id)
                  back office        %s   (sign in as operator, warehouse or carrier)

                  order-service      %s   (health, Swagger UI: %s/q/swagger-ui)   started in %d ms
                  inventory-service  %s   (health, Swagger UI: %s/q/swagger-ui)   started in %d ms
                  shipping-service   %s   (health, Swagger UI: %s/q/swagger-ui)   started in %d ms
                  PostgreSQL         %s
                  ElasticMQ (SQS)    %s
                  DynamoDB emulator  %s

                Every call but reading the catalogue needs a token: ./dev-stack/token prints one
                (customer ID, operator, warehouse or carrier). Place an order as customer c-1:

                  curl -i -X POST %s/orders -H 'Content-Type: application/json' \\
                    -H "Authorization: Bearer $(./dev-stack/token customer c-1)" \\
                    -H "Idempotency-Key: $(uuidgen 2>/dev/null || date +%%s%%N)" \\
                    -d '{"lines":[{"sku":"KEYBOARD-01","quantity":1}],
                         "shippingAddress":{"recipient":"Ada Lovelace","line1":"12 St James Square",
                                            "city":"London","postalCode":"SW1Y 4JH","country":"GB"}}'

                """,
                web.url(),
                web.backOfficeUrl(),
                order,
                stack.managementUrl(Service.ORDER),
                stack.startupTime(Service.ORDER).toMillis(),
                stack.url(Service.INVENTORY),
                stack.managementUrl(Service.INVENTORY),
                stack.startupTime(Service.INVENTORY).toMillis(),
                stack.url(Service.SHIPPING),
                stack.managementUrl(Service.SHIPPING),
                stack.startupTime(Service.SHIPPING).toMillis(),
                stack.servers()
                        .postgres()
                        .map(pg -> pg.jdbcUrl("orders") + " and " + pg.jdbcUrl("shipping"))
                        .orElse("-"),
                stack.servers().sqs().map(ElasticMq::endpoint).orElse("-"),
                stack.servers().dynamoDb().map(DynamoDbEmulator::endpoint).orElse("-"),
                order);
    }

    private static void printObservability(Observability observability) {
        System.out.printf("""
                Every span goes to Zipkin: %s/zipkin/ . An order's trace, all hops with their timings:
                  %s/zipkin/?annotationQuery=order.id%%3D<the order's id>
                """, observability.zipkinUrl(), observability.zipkinUrl());
        observability.prometheusUrl().ifPresent(url -> System.out.printf("""
                        Prometheus scrapes the services every 5 s: %s . The saga's p99 by stage:
                          %s/graph?g0.expr=histogram_quantile(0.99%%2C%%20sum%%20by%%20(le%%2C%%20stage)%%20(rate(saga_stage_seconds_bucket%%5B1m%%5D)))

                        """, url, url));
    }

    private static int intFromEnvironment(String name, int defaultValue) {
        var value = System.getenv(name);
        return value == null || value.isBlank() ? defaultValue : Integer.parseInt(value.trim());
    }

    private static void requireFree(String what, int port) {
        if (FreePort.isTaken(port)) {
            throw new IllegalStateException("Port " + port + " for " + what
                    + " is in use. Is dev-stack already running? Stop it, or free the port.");
        }
    }
}
