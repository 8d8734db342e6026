package dev.fulfilment.outbox;

import dev.fulfilment.support.messaging.IncomingMessage;
import dev.fulfilment.support.messaging.MessageHandler;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import org.jboss.logging.Logger;

/**
 * The transactional inbox: the consumer hands each message here, and the service's
 * {@link InboxHandler} applies it in one transaction with the record of its messageId. A
 * message delivered again finds its id and changes nothing; two deliveries at the same moment
 * meet on the primary key, and the second waits, then skips.
 */
@ApplicationScoped
public class Inbox implements MessageHandler {

    private static final Logger LOG = Logger.getLogger(Inbox.class);

    private final ProcessedMessages processedMessages;
    private final InboxHandler handler;

    Inbox(ProcessedMessages processedMessages, InboxHandler handler) {
        this.processedMessages = processedMessages;
        this.handler = handler;
    }

    @Override
    @Transactional
    public void handle(IncomingMessage message) {
        if (!processedMessages.recordFirstDelivery(message)) {
            LOG.debugf("Skipped %s %s: already handled", message.type().wireName(), message.messageId());
            return;
        }
        handler.apply(message);
    }
}
