package dev.fulfilment.outbox;

import dev.fulfilment.contracts.Destination;
import dev.fulfilment.contracts.MessageType;
import dev.fulfilment.contracts.messages.InventoryReleased;
import dev.fulfilment.contracts.messages.MessagePayload;
import dev.fulfilment.support.messaging.IncomingMessage;
import dev.fulfilment.support.messaging.MessageHandler;
import dev.fulfilment.support.messaging.OutgoingMessage;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;

/** The test application's handler of order-events: records what it applied, and fails when told to. */
@ApplicationScoped
public class RecordingHandler implements MessageHandler {

    private final List<UUID> applied = new CopyOnWriteArrayList<>();
    private volatile UUID failFor;
    private volatile boolean answering;

    @Override
    public Set<Class<? extends MessagePayload>> handles() {
        return MessageType.travellingTo(Destination.ORDER_EVENTS).stream()
                .map(MessageType::payloadType)
                .collect(Collectors.toSet());
    }

    @Override
    public List<OutgoingMessage> handle(IncomingMessage message) {
        applied.add(message.messageId());
        if (message.messageId().equals(failFor)) {
            throw new IllegalStateException("the handler's database write failed");
        }
        return answering ? List.of(OutgoingMessage.caused(message.orderId(), new InventoryReleased())) : List.of();
    }

    /** Whether each message applied causes one: an InventoryReleased about its order. */
    void answer(boolean answering) {
        this.answering = answering;
    }

    long timesApplied(UUID messageId) {
        return applied.stream().filter(messageId::equals).count();
    }

    void failFor(UUID messageId) {
        failFor = messageId;
    }
}
