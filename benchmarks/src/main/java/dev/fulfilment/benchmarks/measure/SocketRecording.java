package dev.fulfilment.benchmarks.measure;

import dev.fulfilment.devstack.servers.LocalServers.Server;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingFile;

/**
 * Every blocking socket read and write of a running service, recorded by the JDK Flight Recorder
 * (started and stopped through {@code jcmd}, so the service runs with its usual flags until
 * then). Virtual threads included: their reads last until the thread runs again.
 */
public final class SocketRecording {

    private static final String NAME = "server-waits";

    private final long pid;
    private final Path file;

    private SocketRecording(long pid, Path file) {
        this.pid = pid;
        this.file = file;
    }

    public static SocketRecording start(long pid, Path file) {
        Jcmd.run(
                pid,
                "JFR.start",
                "name=" + NAME,
                "settings=none",
                "+jdk.SocketRead#enabled=true",
                "+jdk.SocketRead#threshold=0ms",
                "+jdk.SocketWrite#enabled=true",
                "+jdk.SocketWrite#threshold=0ms");
        return new SocketRecording(pid, file);
    }

    /** Stops the recording; the calls to the servers that the ports name, the others left out. */
    public List<ServerWaits.Wait> stop(Map<Integer, Server> serverByPort) {
        Jcmd.run(pid, "JFR.stop", "name=" + NAME, "filename=" + file);
        try {
            var waits = new ArrayList<ServerWaits.Wait>();
            for (var event : RecordingFile.readAllEvents(file)) {
                var server = serverByPort.get(event.getInt("port"));
                if (server != null) {
                    waits.add(new ServerWaits.Wait(
                            server,
                            threadName(event),
                            event.getEventType().getName().equals("jdk.SocketRead"),
                            event.getStartTime(),
                            event.getEndTime()));
                }
            }
            return waits;
        } catch (IOException e) {
            throw new UncheckedIOException("could not read " + file, e);
        }
    }

    private static String threadName(RecordedEvent event) {
        var thread = event.getThread();
        return thread == null || thread.getJavaName() == null ? "" : thread.getJavaName();
    }
}
