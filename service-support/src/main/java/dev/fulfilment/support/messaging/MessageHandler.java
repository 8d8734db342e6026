package dev.fulfilment.support.messaging;

import dev.fulfilment.contracts.messages.MessagePayload;
import java.util.List;
import java.util.Set;

/**
 * What a service does with the messages of some types. Every type that travels on the queue the
 * service consumes has exactly one handler ({@link MessageHandlers} checks it at start), so a new
 * message type is its schema, its record and its handler.
 *
 * <p>A handler changes the service's data and returns the messages that the change causes: replies
 * to a command, the saga's next command, or none. The service's {@link MessageProcessor} keeps
 * them with the change (the outbox of a service on PostgreSQL) or sends them once the change is
 * made (inventory-service, on DynamoDB). Handlers must be idempotent: SQS may deliver a message
 * more than once, and in any order.
 */
public interface MessageHandler {

    /** The payload types it handles, each travelling on the queue the service consumes. */
    Set<Class<? extends MessagePayload>> handles();

    /**
     * Called before a batch of its messages is handled, with those of the batch: to load what
     * they will read in one go (the outbox module's inbox, whose batch is one transaction), or to
     * make together what each would make alone (inventory-service reserves several orders in one
     * DynamoDB transaction). Each message is still handled afterwards, and must come to the same
     * result whether or not this ran; by default it does nothing.
     */
    default void prepare(List<IncomingMessage> batch) {}

    /**
     * Applies the message.
     *
     * @return the messages the change causes, none if it changed nothing
     * @throws RuntimeException to leave the message to SQS, which offers it again
     */
    List<OutgoingMessage> handle(IncomingMessage message);
}
