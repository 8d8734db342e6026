package dev.fulfilment.devstack.servers;

import dev.fulfilment.devstack.process.ChildProcess;
import dev.fulfilment.devstack.process.CommandResult;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The project's DynamoDB emulator (dev-stack/dynamodb: dynalite with transactions), run with
 * the machine's Node.js as a child process. Its npm packages are installed on first use. Tables
 * are created by the service that owns them when it runs with {@code inventory.table.create=true},
 * as dev-stack and the tests set it.
 */
public final class DynamoDbEmulator implements AutoCloseable {

    /** Where the emulator's package is, relative to the project root. */
    static final Path PACKAGE = Path.of("dev-stack", "dynamodb");

    private static final int MINIMUM_NODE_MAJOR = 20;
    private static final Pattern NODE_VERSION = Pattern.compile("^v(\\d+)\\.");

    private final Path packageDirectory;
    private final Path workDirectory;
    private final int port;
    private final boolean keepTables;
    private ChildProcess process;

    private DynamoDbEmulator(Path packageDirectory, Path workDirectory, int port, boolean keepTables) {
        this.packageDirectory = packageDirectory;
        this.workDirectory = workDirectory;
        this.port = port;
        this.keepTables = keepTables;
    }

    /**
     * @param keepTables keep the tables across restarts (dev-stack), in a snapshot file in the
     *     work directory; tests start empty
     */
    public static DynamoDbEmulator start(Path workDirectory, int port, boolean keepTables) {
        var packageDirectory = locatePackage();
        installPackagesIfMissing(packageDirectory);
        var emulator = new DynamoDbEmulator(packageDirectory, workDirectory, port, keepTables);
        emulator.startProcess();
        return emulator;
    }

    private void startProcess() {
        var command = new ArrayList<>(
                List.of("node", packageDirectory.resolve("server.mjs").toString(), "--port", Integer.toString(port)));
        if (keepTables) {
            command.addAll(List.of("--snapshot", snapshotFile().toString()));
        }
        process = ChildProcess.start("dynamodb", command, Map.of(), workDirectory.resolve("dynamodb.log"));
        process.awaitHttp(endpoint(), status -> status == 200, Duration.ofSeconds(30));
    }

    /** The DynamoDB endpoint, e.g. for quarkus.dynamodb.endpoint-override. */
    public String endpoint() {
        return "http://127.0.0.1:" + port;
    }

    Path snapshotFile() {
        return workDirectory.resolve("dynamodb-tables.json");
    }

    /** The process's id, for the benchmark's account of CPU time. */
    public long pid() {
        return process.pid();
    }

    @Override
    public void close() {
        process.close();
    }

    /**
     * The emulator's package: in the project, found from the working directory up (the
     * services' tests run in their own module's folder), or named by {@code dev-stack.root}.
     */
    static Path locatePackage() {
        var configured = System.getProperty("dev-stack.root");
        var start = configured != null ? Path.of(configured) : Path.of("").toAbsolutePath();
        for (var folder = start.toAbsolutePath(); folder != null; folder = folder.getParent()) {
            if (Files.isRegularFile(folder.resolve(PACKAGE).resolve("package.json"))) {
                return folder.resolve(PACKAGE);
            }
        }
        throw new IllegalStateException("cannot find " + PACKAGE + "/package.json above " + start
                + "; run from inside the project, or set -Ddev-stack.root=<project folder>");
    }

    /**
     * {@code npm ci} when node_modules is missing or older than the lock file. Test modules may
     * start emulators at the same moment: a file lock lets one of them install.
     */
    static void installPackagesIfMissing(Path packageDirectory) {
        requireNode();
        var lockFile = packageDirectory.resolve("package-lock.json");
        var installed = packageDirectory.resolve("node_modules/.package-lock.json");
        try (var channel = FileChannel.open(
                        packageDirectory.resolve(".install.lock"),
                        StandardOpenOption.CREATE,
                        StandardOpenOption.WRITE);
                var ignored = channel.lock()) {
            if (Files.exists(installed)
                    && !Files.getLastModifiedTime(installed)
                            .toInstant()
                            .isBefore(Files.getLastModifiedTime(lockFile).toInstant())) {
                return;
            }
            System.out.println("Installing the DynamoDB emulator's npm packages (npm ci in " + packageDirectory + ")");
            var installation = CommandResult.run(
                    packageDirectory,
                    Duration.ofMinutes(5),
                    List.of("npm", "ci", "--ignore-scripts", "--no-audit", "--no-fund", "--loglevel=error"));
            if (!installation.succeeded()) {
                throw new IllegalStateException("npm ci failed in " + packageDirectory + ":\n" + installation.output());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot install the DynamoDB emulator in " + packageDirectory, e);
        }
    }

    private static void requireNode() {
        CommandResult version;
        try {
            version = CommandResult.run(Path.of("."), Duration.ofSeconds(30), List.of("node", "--version"));
        } catch (IOException notInstalled) {
            throw new IllegalStateException(nodeMissing("no `node` on the PATH"));
        }
        var matcher = NODE_VERSION.matcher(version.output().trim());
        if (!matcher.find() || Integer.parseInt(matcher.group(1)) < MINIMUM_NODE_MAJOR) {
            throw new IllegalStateException(
                    nodeMissing("`node --version` says " + version.output().trim()));
        }
    }

    private static String nodeMissing(String found) {
        return "The DynamoDB emulator needs Node.js " + MINIMUM_NODE_MAJOR + " or newer (" + found
                + "). Install it from https://nodejs.org or your package manager, then run again.";
    }
}
