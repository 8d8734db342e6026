package dev.fulfilment.support.messaging;

import dev.fulfilment.contracts.Destination;
import dev.fulfilment.contracts.MessageType;
import dev.fulfilment.contracts.messages.MessagePayload;
import io.quarkus.arc.All;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.Consumer;

/**
 * The service's handlers by the payload type they handle. Built at start, it refuses a service
 * in which a type that travels on its queue has no handler, two handlers, or a handler for a
 * type that travels elsewhere: the records say where each type goes, so a forgotten handler is
 * a failed start (and a failed test), not a dead letter in production.
 */
@ApplicationScoped
public class MessageHandlers {

    private final Map<Class<? extends MessagePayload>, MessageHandler> byType = new HashMap<>();
    private final MessageTracing tracing;
    private final String queue;

    MessageHandlers(@All List<MessageHandler> handlers, MessageTracing tracing, MessagingConfig config) {
        this.tracing = tracing;
        this.queue = config.consumedQueue();
        this.byType.putAll(byType(handlers, config.consumer().destination()));
    }

    /**
     * The handlers by payload type.
     *
     * @throws IllegalStateException naming every type on the queue without a handler, every type
     *     with two, and every handler of a type that travels elsewhere
     */
    static Map<Class<? extends MessagePayload>, MessageHandler> byType(
            List<MessageHandler> handlers, Destination destination) {
        var byType = new HashMap<Class<? extends MessagePayload>, MessageHandler>();
        var problems = new TreeSet<String>();
        for (var handler : handlers) {
            for (var type : handler.handles()) {
                var messageType = MessageType.of(type);
                if (messageType.destination() != destination) {
                    problems.add(handlerName(handler) + " handles " + messageType + ", which travels on "
                            + messageType.destination().queueName() + ", not on " + destination.queueName());
                }
                var earlier = byType.put(type, handler);
                if (earlier != null) {
                    problems.add(messageType + " has two handlers: " + handlerName(earlier) + " and "
                            + handlerName(handler));
                }
            }
        }
        for (var type : MessageType.travellingTo(destination)) {
            if (!byType.containsKey(type.payloadType())) {
                problems.add(type + " travels on " + destination.queueName() + " but has no MessageHandler");
            }
        }
        if (!problems.isEmpty()) {
            throw new IllegalStateException("The message handlers do not fit the queue " + destination.queueName()
                    + ":\n  " + String.join("\n  ", problems));
        }
        return byType;
    }

    /**
     * Lets each handler do what the batch's messages share ({@link MessageHandler#prepare}) before
     * they are handled; for two or more, inside one span linked to theirs (what one message
     * prepares is its own handling's).
     */
    public void prepare(List<IncomingMessage> batch) {
        if (batch.isEmpty()) {
            return;
        }
        var byHandler = new java.util.IdentityHashMap<MessageHandler, List<IncomingMessage>>();
        for (var message : batch) {
            byHandler
                    .computeIfAbsent(byType.get(message.type().payloadType()), handler -> new java.util.ArrayList<>())
                    .add(message);
        }
        if (batch.size() == 1) {
            byHandler.forEach(MessageHandler::prepare);
        } else {
            tracing.prepareInSpan(queue, batch, () -> byHandler.forEach(MessageHandler::prepare));
        }
    }

    /**
     * Applies the message with its type's handler, inside the message's span.
     *
     * @return the messages it causes
     */
    public List<OutgoingMessage> handle(IncomingMessage message) {
        return handle(message, caused -> {});
    }

    /**
     * Applies the message with its type's handler and gives what it causes to {@code keep}, both
     * inside the message's span: what {@code keep} does (writing the outbox, flushing the
     * statements of a traced message) belongs to the message's trace.
     *
     * @return the messages it causes
     */
    public List<OutgoingMessage> handle(IncomingMessage message, Consumer<List<OutgoingMessage>> keep) {
        var handler = byType.get(message.type().payloadType());
        return tracing.handleInSpan(queue, message, () -> {
            var caused = handler.handle(message);
            keep.accept(caused);
            return caused;
        });
    }

    private static String handlerName(MessageHandler handler) {
        // CDI hands out client proxies named after the bean class.
        return handler.getClass().getSimpleName().replace("_ClientProxy", "");
    }
}
