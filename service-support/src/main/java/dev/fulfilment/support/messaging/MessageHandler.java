package dev.fulfilment.support.messaging;

/**
 * What a service does with the messages it consumes. It returns once the effects are
 * committed; the consumer deletes the message only then. A handler that throws leaves the
 * message to SQS, which offers it again after the visibility timeout and moves it to the
 * dead-letter queue after {@code maxReceiveCount} tries. Handlers must be idempotent:
 * SQS may deliver a message more than once, and in any order.
 */
public interface MessageHandler {

    void handle(IncomingMessage message);
}
