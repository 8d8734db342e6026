package dev.fulfilment.outbox;

import dev.fulfilment.support.messaging.IncomingMessage;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * The messages this service has handled. The {@link Inbox} calls {@link #recordFirstDeliveries} in the
 * transaction of its effects: the messageId and the effects commit together, so a redelivered
 * message finds its id and changes nothing. Two deliveries of one message at the same time
 * meet on the primary key: the second waits for the first and then sees it handled.
 */
@ApplicationScoped
public class ProcessedMessages {

    private static final Logger LOG = Logger.getLogger(ProcessedMessages.class);

    private final EntityManager entityManager;
    private final OutboxConfig config;

    ProcessedMessages(EntityManager entityManager, OutboxConfig config) {
        this.entityManager = entityManager;
        this.config = config;
    }

    /**
     * Records the messages as handled, in one statement whose text is the same for any batch: the
     * ids and types go as two arrays.
     *
     * @return the ids seen for the first time; the others are duplicates, to be skipped
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public Set<UUID> recordFirstDeliveries(List<IncomingMessage> messages) {
        @SuppressWarnings("unchecked")
        List<UUID> first = entityManager
                .createNativeQuery("""
                        INSERT INTO processed_messages (message_id, message_type, processed_at)
                        SELECT id, type, now() FROM unnest(:ids, :types) AS message (id, type)
                        ON CONFLICT (message_id) DO NOTHING RETURNING message_id""", UUID.class)
                .setParameter(
                        "ids", messages.stream().map(IncomingMessage::messageId).toArray(UUID[]::new))
                .setParameter(
                        "types",
                        messages.stream()
                                .map(message -> message.type().wireName())
                                .toArray(String[]::new))
                .getResultList();
        return Set.copyOf(first);
    }

    /** Forgets messageIds older than the retention, which no redelivery can reach any more. */
    @Scheduled(
            every = "1h",
            delayed = "10m",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Quiet.AtRest.class)
    @Transactional
    public void forgetExpired() {
        var forgotten = entityManager
                .createNativeQuery("DELETE FROM processed_messages WHERE processed_at < :oldest")
                .setParameter("oldest", Instant.now().minus(config.processedMessagesRetention()))
                .executeUpdate();
        if (forgotten > 0) {
            LOG.infof("Forgot %d expired %s", forgotten, "handled messageIds");
        }
    }
}
