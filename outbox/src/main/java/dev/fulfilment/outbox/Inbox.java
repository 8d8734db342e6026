package dev.fulfilment.outbox;

import dev.fulfilment.support.messaging.IncomingMessage;
import dev.fulfilment.support.messaging.MessageHandlers;
import dev.fulfilment.support.messaging.MessageProcessor;
import dev.fulfilment.support.messaging.OutgoingMessage;
import dev.fulfilment.support.resilience.DependencyFailures;
import io.opentelemetry.api.trace.Span;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.FlushModeType;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.jboss.logging.Logger;

/**
 * The transactional inbox of a service on PostgreSQL. A received batch is applied in one
 * transaction: the messageIds are recorded in {@code processed_messages}, each message seen for
 * the first time is applied by its handler, and the messages they cause go to the {@link Outbox};
 * all of it commits together, or none of it. A message delivered again finds its id and changes
 * nothing; two deliveries at the same moment meet on the primary key, and the second waits, then
 * skips.
 *
 * <p>When the batch's transaction fails (one message's handler throws, or a request changed one
 * of its orders at the same moment), each message is applied again in a transaction of its own,
 * so that only the failing one is left to SQS. The orders of a batch are changed in the order of
 * their ids, so that two batches that share orders do not deadlock.
 */
@ApplicationScoped
public class Inbox implements MessageProcessor {

    private static final Logger LOG = Logger.getLogger(Inbox.class);
    private static final Comparator<IncomingMessage> BY_ORDER = Comparator.comparing(IncomingMessage::orderId);

    private final ProcessedMessages processedMessages;
    private final MessageHandlers handlers;
    private final Outbox outbox;
    private final EntityManager entityManager;
    private final OutboxRelay relay;
    private final Quiet quiet;

    Inbox(
            ProcessedMessages processedMessages,
            MessageHandlers handlers,
            Outbox outbox,
            OutboxRelay relay,
            EntityManager entityManager,
            Quiet quiet) {
        this.relay = relay;
        this.processedMessages = processedMessages;
        this.handlers = handlers;
        this.outbox = outbox;
        this.entityManager = entityManager;
        this.quiet = quiet;
    }

    @Override
    public List<Outcome> process(List<IncomingMessage> batch) {
        quiet.worked();
        var started = System.nanoTime();
        if (batch.size() > 1) {
            try {
                var took = apply(batch);
                return batch.stream()
                        .map(message -> Outcome.handled(message, took))
                        .toList();
            } catch (RuntimeException e) {
                if (DependencyFailures.isTransient(e)) {
                    var took = since(started);
                    return batch.stream()
                            .map(message -> Outcome.failed(message, took, e))
                            .toList();
                }
                LOG.debugf("A batch of %d failed (%s); each message is applied alone", batch.size(), e.getMessage());
            }
        }
        var outcomes = new ArrayList<Outcome>(batch.size());
        for (var message : batch) {
            var alone = System.nanoTime();
            try {
                outcomes.add(Outcome.handled(message, apply(List.of(message))));
            } catch (RuntimeException e) {
                outcomes.add(Outcome.failed(message, since(alone), e));
            }
        }
        return outcomes;
    }

    /** Applies the messages in one transaction; returns the time per message. */
    private Duration apply(List<IncomingMessage> messages) {
        var started = System.nanoTime();
        QuarkusTransaction.requiringNew().run(() -> {
            // Each message's handler reads its own order or shipment: no query needs the others'
            // changes flushed before it, and the batch's statements go together at the commit.
            entityManager.setFlushMode(FlushModeType.COMMIT);
            var firstDeliveries = processedMessages.recordFirstDeliveries(messages);
            var toApply = messages.stream()
                    .filter(message -> firstDeliveries.contains(message.messageId()))
                    .sorted(BY_ORDER)
                    .toList();
            handlers.prepare(toApply);
            for (var message : messages.stream().sorted(BY_ORDER).toList()) {
                if (firstDeliveries.contains(message.messageId())) {
                    handlers.handle(message, this::keep);
                } else {
                    LOG.debugf("Skipped %s %s: already handled", message.type().wireName(), message.messageId());
                }
            }
        });
        // The whole batch's messages are with the relay now: they go together, at once.
        relay.causedCommitted();
        return since(started).dividedBy(messages.size());
    }

    /**
     * Puts what a message caused in the outbox. The statements of the batch go to the database
     * together at the commit, except a traced message's: those are sent within its span, so that
     * its trace shows them.
     */
    private void keep(List<OutgoingMessage> caused) {
        outbox.enqueueCaused(caused);
        if (Span.current().isRecording()) {
            entityManager.flush();
        }
    }

    private static Duration since(long startedNanos) {
        return Duration.ofNanos(System.nanoTime() - startedNanos);
    }
}
