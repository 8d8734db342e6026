package dev.fulfilment.systemtests;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fulfilment.devstack.web.WebBuild;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The shop and the back office in a real browser: headless Chromium, driven by playwright-core
 * from web/test, against the running system's services and web pages as ./dev-stack/start
 * serves them. Needs a Chromium on the machine (no browser is downloaded): CHROMIUM names it,
 * else the usual paths are tried. Without one the test is skipped and says so, unless
 * BROWSER_TESTS=required (as .ci/run sets, after installing Debian's chromium).
 */
@ExtendWith(RunningSystem.class)
class WebPagesIT {

    private static final List<String> CHROMIUM_PATHS = List.of(
            "/usr/bin/chromium",
            "/usr/bin/chromium-browser",
            "/usr/bin/google-chrome",
            "/usr/bin/google-chrome-stable");

    private final RunningSystem system;

    WebPagesIT(RunningSystem system) {
        this.system = system;
    }

    @Test
    void customersAndStaffDoTheirWorkInTheBrowser() throws IOException, InterruptedException {
        var chromium = chromium();
        var required = "required".equals(System.getenv("BROWSER_TESTS"));
        if (chromium == null) {
            assertThat(required)
                    .as("BROWSER_TESTS=required, but no Chromium found (CHROMIUM or %s)", CHROMIUM_PATHS)
                    .isFalse();
            Assumptions.abort("No Chromium on this machine: the browser tests did not run. Install one "
                    + "(apt-get install chromium) or name it in CHROMIUM.");
        }
        var projectRoot = Path.of(System.getProperty("project.root", ".."))
                .toAbsolutePath()
                .normalize();
        WebBuild.ensureInstalled(projectRoot.resolve("web"));
        var log = projectRoot.resolve("system-tests/target/browser-tests.log");
        Files.createDirectories(log.getParent());
        var command = new java.util.ArrayList<>(List.of("node", "--test", "--test-concurrency=1"));
        try (var files = Files.list(projectRoot.resolve("web/test"))) {
            files.map(file -> "test/" + file.getFileName())
                    .filter(name -> name.endsWith(".test.mjs"))
                    .sorted()
                    .forEach(command::add);
        }
        var process = new ProcessBuilder(command)
                .directory(projectRoot.resolve("web").toFile())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        process.environment().put("WEB_URL", system.webUrl());
        process.environment().put("CHROMIUM", chromium);
        var running = process.start();
        var finished = running.waitFor(10, TimeUnit.MINUTES);
        if (!finished) {
            running.destroyForcibly();
        }
        var output = Files.readString(log);
        assertThat(finished)
                .as("the browser tests finished within 10 minutes:\n%s", output)
                .isTrue();
        assertThat(running.exitValue())
                .as("the browser tests (web/test, log in %s) passed:\n%s", log, output)
                .isZero();
        assertThat(output).contains("# fail 0").doesNotContain("# pass 0");
    }

    private static String chromium() {
        var named = System.getenv("CHROMIUM");
        if (named != null && !named.isBlank()) {
            return named;
        }
        return CHROMIUM_PATHS.stream()
                .flatMap(path -> Files.isExecutable(Path.of(path)) ? Stream.of(path) : Stream.empty())
                .findFirst()
                .orElse(null);
    }
}
