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

    /** How often the relay looks for rows left behind (by a crash, a failed send, an SQS outage). */
    @WithDefault("1s")
    Duration pollInterval();

    /** Rows left behind taken per relay transaction. */
    @WithDefault("50")
    int batchSize();

    /**
     * How old a row must be before the poll takes it: a younger one is being sent by the instance
     * whose commit wrote it. A row whose send failed waits this long before it is tried again.
     */
    @WithDefault("5s")
    Duration claimAfter();

    /**
     * While requests commit as a stream (the last five within two and a half lingers), how long
     * the first of their messages waits for others before the relay sends a batch that is not
     * full. The batch it starts is received, handled and answered as one at every later hop,
     * which does not linger again. A lone order's messages, and what a received batch caused, go
     * at once.
     */
    @WithDefault("100ms")
    Duration linger();

    /**
     * How long rows sent from memory wait to be deleted together with those sent after them: one
     * transaction for many sends. Well under {@code claim-after}, so that the poll does not take
     * them for rows left behind; a row sent again (after a crash) is skipped by its consumer.
     */
    @WithDefault("500ms")
    Duration deleteLinger();

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
