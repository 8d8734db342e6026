package dev.fulfilment.testkit;

import dev.fulfilment.devstack.process.FreePort;
import dev.fulfilment.devstack.servers.LocalServers;
import dev.fulfilment.devstack.servers.LocalServers.Server;
import java.util.EnumMap;
import java.util.Map;

/**
 * A route for dev-stack that puts a {@link FaultProxy} between the services and each server
 * they use, made the first time a service is pointed at that server, so that a test can cut
 * the server off ({@link #of}) and restore it.
 */
public final class FaultProxies implements LocalServers.Route, AutoCloseable {

    private final Map<Server, FaultProxy> proxies = new EnumMap<>(Server.class);

    @Override
    public synchronized int port(Server server, int serverPort) {
        return proxies.computeIfAbsent(server, ignored -> FaultProxy.start(FreePort.pick(), serverPort))
                .port();
    }

    /** The proxy in front of the server. */
    public synchronized FaultProxy of(Server server) {
        var proxy = proxies.get(server);
        if (proxy == null) {
            throw new IllegalStateException("no service reaches " + server + " through a proxy of these");
        }
        return proxy;
    }

    @Override
    public synchronized void close() {
        proxies.values().forEach(FaultProxy::close);
    }
}
