package dev.fulfilment.devstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributeView;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A PostgreSQL cluster of this project's own, created with initdb and run with pg_ctl from
 * the installed binaries, its files under the given directory. PostgreSQL refuses to run as
 * root, so when started by root it runs as the operating system user {@code postgres}.
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

    static PrivatePostgresCluster start(Path directory, int port, boolean disposable) {
        var cluster = new PrivatePostgresCluster(findBinaries(), directory.toAbsolutePath(), port, disposable);
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

    static boolean binariesInstalled() {
        try {
            findBinaries();
            return true;
        } catch (IllegalStateException notInstalled) {
            return false;
        }
    }

    static Path findBinaries() {
        var candidates = new ArrayList<Path>();
        var fromPath = System.getenv("PG_BINDIR");
        if (fromPath != null) {
            candidates.add(Path.of(fromPath));
        }
        try (Stream<Path> versions = Files.list(Path.of("/usr/lib/postgresql"))) {
            versions.map(version -> version.resolve("bin"))
                    .sorted(Comparator.comparing((Path bin) -> versionOf(bin)).reversed())
                    .forEach(candidates::add);
        } catch (IOException noDebianLayout) {
            // try the other places
        }
        candidates.add(Path.of("/usr/local/pgsql/bin"));
        candidates.add(Path.of("/usr/bin"));
        return candidates.stream()
                .filter(bin -> Files.isExecutable(bin.resolve("initdb")) && Files.isExecutable(bin.resolve("pg_ctl")))
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("""
                        PostgreSQL is not installed, no server is configured, and no Docker engine runs.
                        Either install it (Debian/Ubuntu: sudo apt-get install postgresql; macOS: brew install postgresql),
                        start Docker (Testcontainers then runs PostgreSQL in a container), or point to a running server: QUARKUS_DATASOURCE_JDBC_URL=jdbc:postgresql://host:5432/postgres
                        with QUARKUS_DATASOURCE_USERNAME and QUARKUS_DATASOURCE_PASSWORD of a user that may create databases."""));
    }

    private static int versionOf(Path bin) {
        try {
            return Integer.parseInt(bin.getParent().getFileName().toString());
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private static boolean runningAsRoot() {
        return "root".equals(System.getProperty("user.name"));
    }

    private static void giveToServerUser(Path path) throws IOException {
        var lookup = path.getFileSystem().getUserPrincipalLookupService();
        var user = lookup.lookupPrincipalByName(SERVER_USER);
        var group = lookup.lookupPrincipalByGroupName(SERVER_USER);
        var attributes = Files.getFileAttributeView(path, PosixFileAttributeView.class);
        attributes.setOwner(user);
        attributes.setGroup(group);
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
        var exitCode = execute(command);
        if (exitCode.status != 0) {
            throw new IllegalStateException("PostgreSQL command failed (" + exitCode.status + "): " + command + "\n"
                    + exitCode.output + "\nserver log: " + directory.resolve("postgres.log"));
        }
    }

    private void runQuietly(List<String> command) {
        execute(command);
    }

    private record Outcome(int status, String output) {}

    private Outcome execute(List<String> command) {
        try {
            var process = new ProcessBuilder(asServerUser(command))
                    .directory(directory.toFile())
                    .redirectErrorStream(true)
                    .start();
            var output = new String(process.getInputStream().readAllBytes());
            if (!process.waitFor(90, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                return new Outcome(-1, output + "\n(timed out)");
            }
            return new Outcome(process.exitValue(), output);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run " + command, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted running " + command, e);
        }
    }

    private static void deleteRecursively(Path path) {
        try (Stream<Path> files = Files.walk(path)) {
            files.sorted(Comparator.reverseOrder())
                    .forEach(file -> file.toFile().delete());
        } catch (IOException e) {
            // Best effort: it lives under the build folder, which a clean removes.
        }
    }
}
