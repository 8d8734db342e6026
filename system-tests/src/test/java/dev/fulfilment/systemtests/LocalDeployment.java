package dev.fulfilment.systemtests;

import dev.fulfilment.devstack.DevStack;
import dev.fulfilment.devstack.Service;
import dev.fulfilment.devstack.identity.LocalIssuer;
import dev.fulfilment.devstack.process.FreePort;
import dev.fulfilment.devstack.servers.LocalServers;
import dev.fulfilment.devstack.web.WebSite;
import dev.fulfilment.testkit.FaultProxies;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * The system as ./dev-stack/start runs it, on free ports with fresh data: the servers reached
 * through proxies a test can cut, every span recorded in Zipkin.
 */
final class LocalDeployment implements Deployment {

    private final Path projectRoot;
    private final DevStack stack;
    private final FaultProxies faultProxies;
    private final int webPort;
    private WebSite web;

    private LocalDeployment(Path projectRoot, DevStack stack, FaultProxies faultProxies, int webPort) {
        this.projectRoot = projectRoot;
        this.stack = stack;
        this.faultProxies = faultProxies;
        this.webPort = webPort;
    }

    static LocalDeployment start(Path projectRoot) {
        var faultProxies = new FaultProxies();
        // The services let the web pages' origin call them (CORS) from the start; the pages
        // themselves are built and served only when a test asks for them.
        var webPort = FreePort.pick();
        var stack = DevStack.start(
                DevStack.Settings.disposable(projectRoot, projectRoot.resolve("system-tests/target/stack"))
                        .withRoute(faultProxies)
                        .observed()
                        .withWebOrigin(WebSite.origin(webPort)));
        return new LocalDeployment(projectRoot, stack, faultProxies, webPort);
    }

    @Override
    public String url(Service service) {
        return stack.url(service);
    }

    @Override
    public String managementUrl(Service service) {
        return stack.managementUrl(service);
    }

    @Override
    public String sqsEndpoint() {
        return stack.servers().sqs().orElseThrow().endpoint();
    }

    @Override
    public String dynamoDbEndpoint() {
        return stack.servers().dynamoDb().orElseThrow().endpoint();
    }

    @Override
    public String token(LocalIssuer.Caller caller, String subject) {
        return stack.issuer().token(caller, subject);
    }

    /** The pages as ./dev-stack/start serves them, started on first use. */
    @Override
    public synchronized String webUrl() {
        if (web == null) {
            web = WebSite.start(projectRoot, webPort, stack.apis(), stack.issuer());
        }
        return web.url();
    }

    @Override
    public String zipkinUrl() {
        return stack.observability().orElseThrow().zipkinUrl();
    }

    @Override
    public void crashAndRestart(Service service) {
        stack.crashAndRestart(service);
    }

    @Override
    public Duration stopGracefullyAndRestart(Service service) {
        return stack.stopGracefullyAndRestart(service);
    }

    @Override
    public void stop(Service service) {
        stack.stop(service);
    }

    @Override
    public void startAgain(Service service) {
        stack.startAgain(service);
    }

    @Override
    public ServerOutage outage(LocalServers.Server server) {
        var proxy = faultProxies.of(server);
        return new ServerOutage() {
            @Override
            public void begin() {
                proxy.cut();
            }

            @Override
            public void end() {
                proxy.restore();
            }
        };
    }

    @Override
    public String logs(Service service) {
        return stack.logFile(service).toString();
    }

    @Override
    public String memoryMaps(Service service) {
        try {
            return Files.readString(Path.of("/proc", Long.toString(stack.pid(service)), "maps"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public String aotCache(Service service) {
        var cache = projectRoot.resolve(service.directoryName()).resolve("target/quarkus-app/app.aot");
        try {
            return cache.toRealPath().toString();
        } catch (IOException e) {
            throw new UncheckedIOException(service.directoryName() + "'s build made no AOT cache (JDK 25+)", e);
        }
    }

    @Override
    public void close() {
        if (web != null) {
            web.close();
        }
        stack.close();
        faultProxies.close();
    }
}
