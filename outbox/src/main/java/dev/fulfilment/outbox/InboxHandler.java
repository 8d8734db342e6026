package dev.fulfilment.outbox;

import dev.fulfilment.support.messaging.IncomingMessage;

/**
 * What a service on PostgreSQL does with the messages it consumes. The {@link Inbox} calls it
 * inside the transaction that records the message as handled, once per messageId: it changes
 * its data and puts what it sends in the {@link Outbox}, and all of it commits together.
 * Throwing rolls everything back; SQS then offers the message again.
 */
public interface InboxHandler {

    void apply(IncomingMessage message);
}
