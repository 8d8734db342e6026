package dev.fulfilment.outbox;

import io.quarkus.scheduler.ScheduledExecution;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * Whether this instance is at rest: with {@code quiet.enabled}, no outbox row written, no message
 * handled and no order in flight for {@code quiet.after}. At rest, the jobs that look into the
 * database on a timer (the relay's poll, the outbox gauges, the saga's deadlines, the cleanups)
 * look only in a short window once every {@code quiet.interval}, all in the same window: an idle
 * database is left alone, so that Aurora Serverless v2 can pause and cost nothing
 * (docs/decisions/0026). The first work ends the rest. Nothing is missed by it: a row or an
 * order that needs a look is made by work, and work wakes every job again. A job on a longer timer than the window (the hourly cleanups) may miss the
 * looks at rest and runs again with the next work: what it would remove is kept a little longer.
 */
@ApplicationScoped
public class Quiet {

    /** Settings of {@link Quiet}. */
    @ConfigMapping(prefix = "quiet")
    public interface Config {

        /** Whether an instance ever rests; off, the timed jobs look as often as they are set to. */
        @WithDefault("false")
        boolean enabled();

        /**
         * How long without work before the instance is at rest: longer than any wait the saga
         * knows (its deadlines with a backlog's extra time), so that a reminder due is sent.
         */
        @WithDefault("15m")
        Duration after();

        /** At rest, how often the timed jobs look into the database. */
        @WithDefault("1h")
        Duration interval();

        /** At rest, how long each look lasts: every job on a timer of this or less gets a turn in it. */
        @WithDefault("1m")
        Duration window();
    }

    private final Config config;
    private final LongSupplier nanoTime;
    private final AtomicLong lastWork;

    @Inject
    Quiet(Config config) {
        this(config, System::nanoTime);
    }

    Quiet(Config config, LongSupplier nanoTime) {
        this.config = config;
        this.nanoTime = nanoTime;
        this.lastWork = new AtomicLong(nanoTime.getAsLong());
    }

    /** Work happened: an outbox row was written, a message was handled, an order is in flight. */
    public void worked() {
        lastWork.set(nanoTime.getAsLong());
    }

    /** Whether a job on a timer may look into the database now. */
    public boolean mayLook() {
        if (!config.enabled()) {
            return true;
        }
        var idle = nanoTime.getAsLong() - lastWork.get() - config.after().toNanos();
        return idle < 0 || idle % config.interval().toNanos() < config.window().toNanos();
    }

    /** For {@code @Scheduled(skipExecutionIf = Quiet.AtRest.class)}: skips a run while it may not look. */
    @Singleton
    public static class AtRest implements io.quarkus.scheduler.Scheduled.SkipPredicate {

        private final Quiet quiet;

        AtRest(Quiet quiet) {
            this.quiet = quiet;
        }

        @Override
        public boolean test(ScheduledExecution execution) {
            return !quiet.mayLook();
        }
    }
}
