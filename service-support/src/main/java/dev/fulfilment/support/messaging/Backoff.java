package dev.fulfilment.support.messaging;

import java.time.Duration;

/**
 * How long to wait before the next try after some failures in a row: the first pause, then
 * twice as long each time, never longer than the cap. The SQS consumer, the visibility of a
 * message whose handling failed and the outbox relay all back off this way.
 *
 * @param first the pause after one failure
 * @param longest the cap
 */
public record Backoff(Duration first, Duration longest) {

    public Backoff {
        if (first.isNegative() || first.isZero() || longest.compareTo(first) < 0) {
            throw new IllegalArgumentException("a back-off needs 0 < first <= longest: " + first + ", " + longest);
        }
    }

    /** The pause after this many failures in a row (1 or more). */
    public Duration after(int failures) {
        var doublings = Math.min(Math.max(failures, 1) - 1, 30);
        var pause = first.multipliedBy(1L << doublings);
        return pause.compareTo(longest) > 0 ? longest : pause;
    }
}
