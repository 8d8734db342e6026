package dev.fulfilment.benchmarks.measure;

import dev.fulfilment.devstack.process.ChildProcess;
import dev.fulfilment.devstack.process.CommandResult;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** A diagnostic command sent to a running JVM of the stack, as {@code jcmd PID ...} does. */
final class Jcmd {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private Jcmd() {}

    static void run(long pid, String... arguments) {
        var command = new ArrayList<String>();
        command.add(
                Path.of(ChildProcess.javaExecutable()).resolveSibling("jcmd").toString());
        command.add(Long.toString(pid));
        command.addAll(List.of(arguments));
        try {
            var result = CommandResult.run(Path.of("."), TIMEOUT, command);
            // jcmd exits 0 when the target JVM refused the command, and says why
            if (!result.succeeded() || result.output().contains("Could not")) {
                throw new IllegalStateException("jcmd " + String.join(" ", arguments) + " failed: " + result.output());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not run jcmd", e);
        }
    }
}
