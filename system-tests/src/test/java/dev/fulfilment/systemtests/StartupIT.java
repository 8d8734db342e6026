package dev.fulfilment.systemtests;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fulfilment.devstack.Service;
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
    void everyServiceRunsWithTheAotCacheOfItsBuildMapped() {
        for (var service : Service.values()) {
            // A JVM that refused the cache (another JDK build, jars changed) would not map it.
            assertThat(system.memoryMaps(service))
                    .as("%s maps its AOT cache", service.directoryName())
                    .contains(system.aotCache(service));
        }
    }
}
