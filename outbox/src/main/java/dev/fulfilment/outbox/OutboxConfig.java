package dev.fulfilment.outbox;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** The outbox relay. */
@ConfigMapping(prefix = "outbox")
public interface OutboxConfig {

    /** Whether this instance relays the outbox; several instances may, safely. */
    @WithDefault("true")
    boolean relayEnabled();

    /** How often the relay looks for messages that no commit woke it for (left by a crash or an SQS outage). */
    @WithDefault("1s")
    Duration pollInterval();

    /** Messages taken per relay transaction. */
    @WithDefault("50")
    int batchSize();

    /**
     * The longest pause between tries while SQS or the database fails: short, so that the
     * backlog drains within seconds of their return (a try is one cheap query or call).
     */
    @WithDefault("3s")
    Duration maxBackoff();

    /**
     * How long a handled messageId is remembered. Longer than any message can come back: SQS
     * keeps a message (and a dead letter, for redrive) 14 days at most.
     */
    @WithDefault("15d")
    Duration processedMessagesRetention();
}
