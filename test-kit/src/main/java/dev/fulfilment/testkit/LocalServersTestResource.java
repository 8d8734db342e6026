package dev.fulfilment.testkit;

import dev.fulfilment.devstack.servers.LocalServers;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.Map;

/**
 * Starts the real servers a service's {@code @QuarkusTest}s need, once per test run, on free
 * ports and with fresh data, and points the service at them and at the local issuer whose
 * tokens {@link TestTokens} makes. Arguments: {@code servers}, a
 * comma-separated list of {@link LocalServers.Server} names, and {@code database}, the
 * service's PostgreSQL database if it has one. A test's field of type {@link LocalServers}
 * annotated {@link Servers} gets them: a {@code @QuarkusIntegrationTest}, which cannot inject
 * the service's beans, reaches the queues through it.
 */
public class LocalServersTestResource implements QuarkusTestResourceLifecycleManager {

    private LocalServers servers;
    private EnumSet<LocalServers.Server> wanted;
    private String database;

    @Override
    public void init(Map<String, String> initArgs) {
        wanted = EnumSet.noneOf(LocalServers.Server.class);
        Arrays.stream(initArgs.getOrDefault("servers", "POSTGRES,SQS,DYNAMODB").split(","))
                .map(String::trim)
                .map(LocalServers.Server::valueOf)
                .forEach(wanted::add);
        database = initArgs.get("database");
    }

    @Override
    public Map<String, String> start() {
        servers = LocalServers.startForTests(wanted);
        var configuration = new HashMap<>(servers.serviceConfiguration(database));
        configuration.putAll(TestTokens.issuer().serviceConfiguration());
        return configuration;
    }

    /** Marks the test's field that gets the running servers. */
    @Retention(RetentionPolicy.RUNTIME)
    @Target(ElementType.FIELD)
    public @interface Servers {}

    @Override
    public void inject(TestInjector testInjector) {
        testInjector.injectIntoFields(
                servers, new TestInjector.AnnotatedAndMatchesType(Servers.class, LocalServers.class));
    }

    @Override
    public void stop() {
        if (servers != null) {
            servers.close();
        }
    }
}
