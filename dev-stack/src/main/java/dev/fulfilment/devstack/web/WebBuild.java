package dev.fulfilment.devstack.web;

import dev.fulfilment.devstack.process.CommandResult;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;

/**
 * The web pages' build ({@code web/}, Vite): {@code npm ci} when its packages are missing or
 * older than the lock file, {@code npm run build} when {@code dist/} is older than any source.
 * A file lock lets one of several starting stacks build.
 */
public final class WebBuild {

    private static final List<String> SOURCES =
            List.of("src", "index.html", "back-office.html", "vite.config.js", "package-lock.json");

    private WebBuild() {}

    /** The folder of built pages, built first when missing or stale. */
    static Path ensureBuilt(Path webDirectory) {
        var dist = webDirectory.resolve("dist");
        try (var ignored = lock(webDirectory)) {
            installIfStale(webDirectory);
            var built = dist.resolve("index.html");
            if (!Files.exists(built) || modified(built).compareTo(newestSource(webDirectory)) < 0) {
                System.out.println("Building the web pages (npm run build in " + webDirectory + ")");
                run(webDirectory, List.of("npm", "run", "build", "--silent"));
            }
            return dist;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot build the web pages in " + webDirectory, e);
        }
    }

    /** The pages' npm packages (their build, and the browser tests' playwright-core), installed when stale. */
    public static void ensureInstalled(Path webDirectory) {
        try (var ignored = lock(webDirectory)) {
            installIfStale(webDirectory);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot install the web pages' packages in " + webDirectory, e);
        }
    }

    /** One build or install at a time in the folder, until the channel is closed. */
    private static FileChannel lock(Path webDirectory) throws IOException {
        var channel = FileChannel.open(
                webDirectory.resolve(".build.lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        channel.lock();
        return channel;
    }

    private static void installIfStale(Path webDirectory) throws IOException {
        var lockFile = webDirectory.resolve("package-lock.json");
        var installed = webDirectory.resolve("node_modules/.package-lock.json");
        if (!Files.exists(installed) || modified(installed).compareTo(modified(lockFile)) < 0) {
            System.out.println("Installing the web pages' npm packages (npm ci in " + webDirectory + ")");
            run(webDirectory, List.of("npm", "ci", "--no-audit", "--no-fund", "--loglevel=error"));
        }
    }

    private static void run(Path directory, List<String> command) throws IOException {
        var result = CommandResult.run(directory, Duration.ofMinutes(5), command);
        if (!result.succeeded()) {
            throw new IllegalStateException(
                    String.join(" ", command) + " failed in " + directory + ":\n" + result.output());
        }
    }

    private static FileTime newestSource(Path webDirectory) throws IOException {
        var newest = FileTime.fromMillis(0);
        for (var source : SOURCES) {
            try (Stream<Path> files = Files.walk(webDirectory.resolve(source))) {
                for (var file : (Iterable<Path>) files.filter(Files::isRegularFile)::iterator) {
                    var time = modified(file);
                    if (time.compareTo(newest) > 0) {
                        newest = time;
                    }
                }
            }
        }
        return newest;
    }

    private static FileTime modified(Path file) throws IOException {
        return Files.getLastModifiedTime(file);
    }
}
