package dev.fulfilment.systemtests;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fulfilment.devstack.Service;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Each service starts from the JDK AOT cache its build recorded (docs/decisions/0016). */
@ExtendWith(RunningSystem.class)
class StartupIT {

    private final RunningSystem system;

    StartupIT(RunningSystem system) {
        this.system = system;
    }

    @Test
    void everyServiceRunsWithTheAotCacheOfItsBuildMapped() throws IOException {
        var projectRoot = Path.of(System.getProperty("project.root", ".."))
                .toAbsolutePath()
                .normalize();
        for (var service : Service.values()) {
            var cache = projectRoot.resolve(service.directoryName()).resolve("target/quarkus-app/app.aot");
            assertThat(cache)
                    .as("%s's build made an AOT cache (JDK 25+)", service.directoryName())
                    .isRegularFile();
            // A JVM that refused the cache (another JDK build, jars changed) would not map it.
            var maps = Files.readString(Path.of("/proc", Long.toString(system.pid(service)), "maps"));
            assertThat(maps)
                    .as("%s maps its cache", service.directoryName())
                    .contains(cache.toRealPath().toString());
        }
    }
}
