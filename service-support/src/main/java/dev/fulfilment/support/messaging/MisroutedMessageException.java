package dev.fulfilment.support.messaging;

/** A valid message on a queue whose service has nothing to do with its type: it goes to the dead-letter queue at once. */
public class MisroutedMessageException extends RuntimeException {

    public MisroutedMessageException(IncomingMessage message) {
        super(message.type().wireName() + " does not belong on this queue");
    }
}
