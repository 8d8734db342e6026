package dev.fulfilment.devstack.process;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * How a short-lived command (initdb, npm ci, node --version) ended.
 *
 * @param status its exit status; -1 when it ran out of time
 * @param output what it printed, standard output and error together
 */
public record CommandResult(int status, String output) {

    public boolean succeeded() {
        return status == 0;
    }

    /**
     * Runs the command in the directory and waits for it.
     *
     * @throws IOException when the program cannot be started (not installed, say)
     */
    public static CommandResult run(Path directory, Duration timeout, List<String> command) throws IOException {
        return run(directory, timeout, command, Map.of());
    }

    /** Runs the command with these variables added to its environment. */
    public static CommandResult run(
            Path directory, Duration timeout, List<String> command, Map<String, String> environment)
            throws IOException {
        var builder = new ProcessBuilder(command).directory(directory.toFile()).redirectErrorStream(true);
        builder.environment().putAll(environment);
        var process = builder.start();
        try {
            var output = new String(process.getInputStream().readAllBytes());
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                return new CommandResult(-1, output + "\n(timed out after " + timeout + ")");
            }
            return new CommandResult(process.exitValue(), output);
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted running " + String.join(" ", command), e);
        }
    }
}
