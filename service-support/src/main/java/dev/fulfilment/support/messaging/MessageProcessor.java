package dev.fulfilment.support.messaging;

import java.time.Duration;
import java.util.List;

/**
 * How a service applies a batch of received messages through its {@link MessageHandlers} and
 * keeps what they cause: {@link SendAfterHandling} for a service whose handlers are idempotent
 * by themselves (inventory-service), the outbox module's {@code Inbox} for a service on
 * PostgreSQL. The consumer deletes a message only when its outcome is {@link Status#HANDLED}.
 */
public interface MessageProcessor {

    /** One outcome per message, in the batch's order. */
    List<Outcome> process(List<IncomingMessage> batch);

    /** How the handling of a message ended. */
    enum Status {
        /** Its effects and what it causes are kept (or it was a duplicate): delete it. */
        HANDLED,
        /** It failed: SQS offers it again after a back-off, and dead-letters it after five receives. */
        FAILED,
        /** A dependency (the database, DynamoDB, SQS) is away: receiving pauses until the service is ready. */
        UNAVAILABLE
    }

    /**
     * @param took the time of its handling, for the metrics
     * @param failure why it was not handled; null when it was
     */
    record Outcome(IncomingMessage message, Status status, Duration took, RuntimeException failure) {

        public static Outcome handled(IncomingMessage message, Duration took) {
            return new Outcome(message, Status.HANDLED, took, null);
        }

        public static Outcome failed(IncomingMessage message, Duration took, RuntimeException failure) {
            return new Outcome(
                    message,
                    dev.fulfilment.support.resilience.DependencyFailures.isTransient(failure)
                            ? Status.UNAVAILABLE
                            : Status.FAILED,
                    took,
                    failure);
        }
    }
}
