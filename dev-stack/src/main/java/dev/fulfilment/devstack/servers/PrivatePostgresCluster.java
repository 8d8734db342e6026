package dev.fulfilment.devstack.servers;

import dev.fulfilment.devstack.process.CommandResult;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributeView;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * A PostgreSQL cluster of this project's own, created with initdb and run with pg_ctl from
 * {@link PostgresBinaries}, its files under the given directory. PostgreSQL refuses to run as
 * root, so when started by root it runs as the operating system user {@code postgres}, which
 * is created (a system user without login) where the machine has none.
 */
public final class PrivatePostgresCluster implements PostgresServer {

    static final String SUPERUSER = "postgres";
    private static final String SERVER_USER = "postgres";

    private final Path binaries;
    private final Path directory;
    private final int port;
    private final boolean disposable;

    private PrivatePostgresCluster(Path binaries, Path directory, int port, boolean disposable) {
        this.binaries = binaries;
        this.directory = directory;
        this.port = port;
        this.disposable = disposable;
    }

    static PrivatePostgresCluster start(Path binaries, Path directory, int port, boolean disposable) {
        if (runningAsRoot()) {
            ensureServerUserExists();
        }
        var cluster = new PrivatePostgresCluster(binaries, directory.toAbsolutePath(), port, disposable);
        cluster.initialiseIfNeeded();
        cluster.startServer();
        Runtime.getRuntime().addShutdownHook(new Thread(cluster::close, "stop-postgres"));
        return cluster;
    }

    @Override
    public String host() {
        return "127.0.0.1";
    }

    @Override
    public int port() {
        return port;
    }

    @Override
    public String username() {
        return SUPERUSER;
    }

    @Override
    public String password() {
        return "";
    }

    private Path dataDirectory() {
        return directory.resolve("data");
    }

    private void initialiseIfNeeded() {
        if (Files.exists(dataDirectory().resolve("PG_VERSION"))) {
            return;
        }
        try {
            Files.createDirectories(directory);
            if (runningAsRoot()) {
                giveToServerUser(directory);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + directory, e);
        }
        run(List.of(
                binaries.resolve("initdb").toString(),
                "-D",
                dataDirectory().toString(),
                "-U",
                SUPERUSER,
                "-A",
                "trust",
                "-E",
                "UTF8",
                "--no-instructions"));
    }

    private void startServer() {
        if (Files.exists(dataDirectory().resolve("postmaster.pid"))) {
            // Left running by a run that was killed: stop it so that it listens on our port.
            runQuietly(List.of(
                    binaries.resolve("pg_ctl").toString(),
                    "-D",
                    dataDirectory().toString(),
                    "-m",
                    "immediate",
                    "stop"));
        }
        var options = new StringBuilder("-p " + port + " -k " + directory + " -c listen_addresses=127.0.0.1");
        options.append(" -c max_connections=200");
        if (disposable) {
            options.append(" -c fsync=off -c synchronous_commit=off -c full_page_writes=off");
        }
        run(List.of(
                binaries.resolve("pg_ctl").toString(),
                "-D",
                dataDirectory().toString(),
                "-l",
                directory.resolve("postgres.log").toString(),
                "-w",
                "-t",
                "60",
                "-o",
                options.toString(),
                "start"));
    }

    @Override
    public void close() {
        if (!Files.exists(dataDirectory().resolve("postmaster.pid"))) {
            return;
        }
        runQuietly(List.of(
                binaries.resolve("pg_ctl").toString(),
                "-D",
                dataDirectory().toString(),
                "-w",
                "-m",
                disposable ? "immediate" : "fast",
                "stop"));
        if (disposable) {
            deleteRecursively(directory);
        }
    }

    private static boolean runningAsRoot() {
        return "root".equals(System.getProperty("user.name"));
    }

    private static synchronized void ensureServerUserExists() {
        try {
            var root = Path.of("/");
            if (CommandResult.run(root, Duration.ofSeconds(10), List.of("id", "-u", SERVER_USER))
                    .succeeded()) {
                return;
            }
            var created = CommandResult.run(
                    root,
                    Duration.ofSeconds(30),
                    List.of(
                            "useradd",
                            "--system",
                            "--user-group",
                            "--no-create-home",
                            "--shell",
                            "/usr/sbin/nologin",
                            SERVER_USER));
            // 9: created by another test module at the same moment
            if (!created.succeeded() && created.status() != 9) {
                throw new IllegalStateException("PostgreSQL does not run as root, and the user " + SERVER_USER
                        + " to run it as could not be created: " + created.output());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot look up or create the user " + SERVER_USER, e);
        }
    }

    private static void giveToServerUser(Path path) throws IOException {
        var lookup = path.getFileSystem().getUserPrincipalLookupService();
        var attributes = Files.getFileAttributeView(path, PosixFileAttributeView.class);
        attributes.setOwner(lookup.lookupPrincipalByName(SERVER_USER));
        attributes.setGroup(lookup.lookupPrincipalByGroupName(SERVER_USER));
    }

    private static List<String> asServerUser(List<String> command) {
        if (!runningAsRoot()) {
            return command;
        }
        var wrapped = new ArrayList<>(List.of("runuser", "-u", SERVER_USER, "--"));
        wrapped.addAll(command);
        return wrapped;
    }

    private void run(List<String> command) {
        var result = execute(command);
        if (!result.succeeded()) {
            throw new IllegalStateException("PostgreSQL command failed (" + result.status() + "): " + command + "\n"
                    + result.output() + "\nserver log: " + directory.resolve("postgres.log"));
        }
    }

    private void runQuietly(List<String> command) {
        execute(command);
    }

    private CommandResult execute(List<String> command) {
        try {
            return CommandResult.run(directory, Duration.ofSeconds(90), asServerUser(command));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run " + command, e);
        }
    }

    static void deleteRecursively(Path path) {
        try (Stream<Path> files = Files.walk(path)) {
            files.sorted(Comparator.reverseOrder())
                    .forEach(file -> file.toFile().delete());
        } catch (IOException e) {
            // Best effort: it lives under the build folder, which a clean removes.
        }
    }
}
