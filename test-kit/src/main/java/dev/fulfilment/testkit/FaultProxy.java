package dev.fulfilment.testkit;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A TCP forwarder in front of a server that a test can cut off and restore: while cut, every
 * open connection is closed and new ones are refused, as when the server stops or fails over;
 * the server itself and its data are untouched. The system tests put one in front of each of
 * PostgreSQL, ElasticMQ and the DynamoDB emulator.
 */
public final class FaultProxy implements AutoCloseable {

    private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();

    private final int port;
    private final int targetPort;
    private final Set<Socket> connections = ConcurrentHashMap.newKeySet();
    private volatile ServerSocket listener;

    private FaultProxy(int port, int targetPort) {
        this.port = port;
        this.targetPort = targetPort;
    }

    /** Forwards connections to localhost:port to localhost:targetPort. */
    static FaultProxy start(int port, int targetPort) {
        var proxy = new FaultProxy(port, targetPort);
        proxy.restore();
        return proxy;
    }

    public int port() {
        return port;
    }

    /** Closes every connection and refuses new ones until {@link #restore()}. */
    public synchronized void cut() {
        var current = listener;
        listener = null;
        closeQuietly(current);
        connections.forEach(FaultProxy::closeQuietly);
        connections.clear();
    }

    /** Accepts connections again. */
    public synchronized void restore() {
        if (listener != null) {
            return;
        }
        try {
            var socket = new ServerSocket();
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(LOOPBACK, port), 200);
            listener = socket;
            Thread.ofVirtual().name("fault-proxy-" + port).start(() -> acceptUntilCut(socket));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot listen on " + port + " in front of " + targetPort, e);
        }
    }

    private void acceptUntilCut(ServerSocket socket) {
        while (!socket.isClosed()) {
            Socket client;
            try {
                client = socket.accept();
            } catch (IOException e) {
                return;
            }
            Thread.ofVirtual().start(() -> forward(client));
        }
    }

    private void forward(Socket client) {
        Socket server;
        try {
            client.setTcpNoDelay(true);
            server = new Socket(LOOPBACK, targetPort);
            server.setTcpNoDelay(true);
        } catch (IOException e) {
            closeQuietly(client);
            return;
        }
        connections.add(client);
        connections.add(server);
        if (listener == null) {
            // cut while connecting
            closeQuietly(client);
            closeQuietly(server);
            return;
        }
        Thread.ofVirtual().start(() -> pipe(client, server));
        pipe(server, client);
    }

    private void pipe(Socket from, Socket to) {
        var buffer = new byte[16 * 1024];
        try (InputStream in = from.getInputStream();
                OutputStream out = to.getOutputStream()) {
            int read;
            while ((read = in.read(buffer)) >= 0) {
                out.write(buffer, 0, read);
                out.flush();
            }
        } catch (IOException e) {
            // the other side closed, or the proxy was cut
        } finally {
            closeQuietly(from);
            closeQuietly(to);
            connections.remove(from);
            connections.remove(to);
        }
    }

    @Override
    public void close() {
        cut();
    }

    private static void closeQuietly(AutoCloseable closeable) {
        if (closeable == null) {
            return;
        }
        try {
            closeable.close();
        } catch (Exception e) {
            // closing anyway
        }
    }
}
