package dev.fulfilment.outbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** When the timed jobs of an instance at rest may look into the database. */
class QuietTests {

    private final AtomicLong now = new AtomicLong(0);
    private final Quiet quiet = new Quiet(new Settings(true), now::get);

    @Test
    void jobsLookAsOftenAsTheyLikeWhileThereIsWorkAndUntilTheInstanceHasRested() {
        assertThat(quiet.mayLook()).isTrue();
        at(Duration.ofMinutes(14).plusSeconds(59));
        assertThat(quiet.mayLook()).isTrue();
    }

    @Test
    void atRestJobsLookOnlyInAShortWindowOnceAnInterval() {
        at(Duration.ofMinutes(15).plusSeconds(59));
        assertThat(quiet.mayLook()).as("the first window, as the rest begins").isTrue();
        at(Duration.ofMinutes(16));
        assertThat(quiet.mayLook()).isFalse();
        at(Duration.ofMinutes(74).plusSeconds(59));
        assertThat(quiet.mayLook()).isFalse();
        at(Duration.ofMinutes(75));
        assertThat(quiet.mayLook()).as("an hour later").isTrue();
        at(Duration.ofMinutes(76));
        assertThat(quiet.mayLook()).isFalse();
        at(Duration.ofHours(24).plusMinutes(15).plusSeconds(30));
        assertThat(quiet.mayLook()).as("a day later").isTrue();
    }

    @Test
    void workEndsTheRestAtOnce() {
        at(Duration.ofHours(3).plusMinutes(40));
        assertThat(quiet.mayLook()).isFalse();

        quiet.worked();

        assertThat(quiet.mayLook()).isTrue();
        at(Duration.ofHours(3).plusMinutes(54));
        assertThat(quiet.mayLook()).as("fourteen minutes after the work").isTrue();
        at(Duration.ofHours(3).plusMinutes(57));
        assertThat(quiet.mayLook()).isFalse();
    }

    @Test
    void disabledTheJobsAlwaysLook() {
        var always = new Quiet(new Settings(false), now::get);
        at(Duration.ofHours(3).plusMinutes(40));

        assertThat(always.mayLook()).isTrue();
    }

    private void at(Duration sinceStart) {
        now.set(sinceStart.toNanos());
    }

    /** The defaults of Quiet.Config, enabled or not. */
    private record Settings(boolean enabled) implements Quiet.Config {
        @Override
        public Duration after() {
            return Duration.ofMinutes(15);
        }

        @Override
        public Duration interval() {
            return Duration.ofHours(1);
        }

        @Override
        public Duration window() {
            return Duration.ofMinutes(1);
        }
    }
}
