package dev.fulfilment.benchmarks.measure;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class CpuUseTests {

    @Test
    void aProcessesTicksAreItsUserAndSystemTimeEvenWhenItsNameHasSpacesAndParentheses() {
        // pid (comm) state ppid pgrp session tty tpgid flags minflt cminflt majflt cmajflt utime stime cutime ...
        var stat = "4242 (java (main) x) S 1 4242 4242 0 -1 4194560 100 0 0 0 1234 567 89 10 20 0 55 0";

        assertThat(CpuUse.ticks(stat)).isEqualTo(1234 + 567);
    }

    @Test
    void theMachineIsBusyForAllButIdleAndIowaitAndGuestTimeIsNotCountedTwice() {
        //       user nice system idle  iowait irq softirq steal guest guest_nice
        var line = "cpu  1000 10   300    90000 500    20  30      40    700   0";

        assertThat(CpuUse.busyTicks(line)).isEqualTo(1000 + 10 + 300 + 20 + 30 + 40);
    }

    @Test
    void aWindowIsTheDifferenceOfTwoReadingsAndWhatNoProcessUsedIsUnaccounted() {
        var before = new CpuUse(Map.of("order-service", 10.0, "ElasticMQ", 2.0), Map.of(), 100.0);
        var after = new CpuUse(Map.of("order-service", 14.0, "ElasticMQ", 3.5), Map.of(), 106.0);

        var window = after.since(before);

        assertThat(window.byProcess())
                .containsExactlyInAnyOrderEntriesOf(Map.of("order-service", 4.0, "ElasticMQ", 1.5));
        assertThat(window.services()).isEqualTo(4.0);
        assertThat(window.unaccounted()).isEqualTo(0.5);
    }

    @Test
    void theJitsCompilerThreadsAreToldApartFromTheServicesOwnThreads() {
        assertThat(CpuUse.isCompilerThread("101 (C2 CompilerThre) S 1 100 100 0 -1 0 0 0 0 0 70 3 0 0"))
                .isTrue();
        assertThat(CpuUse.isCompilerThread("102 (C1 CompilerThre) S 1 100 100 0 -1 0 0 0 0 0 9 1 0 0"))
                .isTrue();
        assertThat(CpuUse.isCompilerThread("103 (executor-thread) S 1 100 100 0 -1 0 0 0 0 0 50 5 0 0"))
                .isFalse();
        assertThat(CpuUse.isCompilerThread("104 (C2 worker) S 1 100 100 0 -1 0 0 0 0 0 50 5 0 0"))
                .isFalse();
    }

    @Test
    void aWindowSaysHowMuchOfTheServicesTimeTheJitSpentCompiling() {
        var before = new CpuUse(Map.of("order-service", 10.0), Map.of("order-service", 3.0), 100.0);
        var after = new CpuUse(Map.of("order-service", 14.0), Map.of("order-service", 4.0), 106.0);

        var window = after.since(before);

        assertThat(window.services()).isEqualTo(4.0);
        assertThat(window.servicesCompiling()).isEqualTo(1.0);
    }
}
