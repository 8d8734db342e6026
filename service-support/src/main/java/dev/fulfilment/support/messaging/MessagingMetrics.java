package dev.fulfilment.support.messaging;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What the consumer does, as metrics: each message handled, failed or met with a dependency
 * away, and how long it took; how long messages waited in the queue; what was dead-lettered.
 * Tags are the queue, the message type and the outcome: a bounded set, never an id.
 */
@ApplicationScoped
public class MessagingMetrics {

    /** How a handling ended. */
    public enum Outcome {
        HANDLED,
        FAILED,
        UNAVAILABLE;

        String tag() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    private final MeterRegistry registry;
    /** The meters by their tags, built once: a message's handling only records. */
    private final Map<String, Timer> timers = new ConcurrentHashMap<>();

    MessagingMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    void handled(String queue, String type, Outcome outcome, Duration took) {
        timers.computeIfAbsent(
                        queue + "/" + type + "/" + outcome,
                        key -> Timer.builder("messaging.handling")
                                .description("Time to handle a message, by queue, type and outcome")
                                .tags("queue", queue, "type", type, "outcome", outcome.tag())
                                .publishPercentileHistogram()
                                .register(registry))
                .record(took);
    }

    /** From the message being sent to its handling starting. */
    void waited(String queue, Duration lag) {
        timers.computeIfAbsent(
                        queue,
                        key -> Timer.builder("messaging.lag")
                                .description("Time from a message being sent to its handling starting, by queue")
                                .tags("queue", queue)
                                .publishPercentileHistogram()
                                .register(registry))
                .record(lag.isNegative() ? Duration.ZERO : lag);
    }

    /** @param reason poison (unreadable or invalid) or misrouted (belongs on another queue) */
    void deadLettered(String queue, String reason) {
        Counter.builder("messaging.dead.lettered")
                .description("Messages this service moved to the dead-letter queue at once, by queue and reason")
                .tags("queue", queue, "reason", reason)
                .register(registry)
                .increment();
    }
}
