package dev.fulfilment.outbox;

import dev.fulfilment.support.messaging.IncomingMessage;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

/**
 * The messages this service has handled. A handler calls {@link #recordFirstDelivery} in the
 * transaction of its effects: the messageId and the effects commit together, so a redelivered
 * message finds its id and changes nothing. Two deliveries of one message at the same time
 * meet on the primary key: the second waits for the first and then sees it handled.
 */
@ApplicationScoped
public class ProcessedMessages {

    private final EntityManager entityManager;

    ProcessedMessages(EntityManager entityManager) {
        this.entityManager = entityManager;
    }

    /** @return true the first time this message is seen; false for a duplicate, to be skipped */
    @Transactional(Transactional.TxType.MANDATORY)
    public boolean recordFirstDelivery(IncomingMessage message) {
        return entityManager
                        .createNativeQuery("""
                        INSERT INTO processed_messages (message_id, message_type, processed_at)
                        VALUES (:id, :type, now())
                        ON CONFLICT (message_id) DO NOTHING""")
                        .setParameter("id", message.messageId())
                        .setParameter("type", message.type().wireName())
                        .executeUpdate()
                == 1;
    }
}
