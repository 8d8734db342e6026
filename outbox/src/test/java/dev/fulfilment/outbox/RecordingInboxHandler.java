package dev.fulfilment.outbox;

import dev.fulfilment.support.messaging.IncomingMessage;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

/** The inbox's handler in the tests: records what it applied, and fails when told to. */
@ApplicationScoped
public class RecordingInboxHandler implements InboxHandler {

    private final List<UUID> applied = new CopyOnWriteArrayList<>();
    private volatile UUID failFor;

    @Override
    public void apply(IncomingMessage message) {
        applied.add(message.messageId());
        if (message.messageId().equals(failFor)) {
            throw new IllegalStateException("the handler's database write failed");
        }
    }

    long timesApplied(UUID messageId) {
        return applied.stream().filter(messageId::equals).count();
    }

    void failFor(UUID messageId) {
        failFor = messageId;
    }
}
