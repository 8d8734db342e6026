package dev.fulfilment.outbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.fulfilment.contracts.Envelope;
import dev.fulfilment.contracts.MessageType;
import dev.fulfilment.contracts.messages.InventoryReleased;
import dev.fulfilment.support.messaging.IncomingMessage;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The inbox applies each message once, in one transaction with the record that it did. */
@QuarkusTest
class InboxTests {

    @Inject
    Inbox inbox;

    @Inject
    RecordingInboxHandler handler;

    @Test
    void aMessageDeliveredAgainIsAppliedOnce() {
        var message = message();

        inbox.handle(message);
        inbox.handle(message);

        assertThat(handler.timesApplied(message.messageId())).isEqualTo(1);
    }

    @Test
    void aHandlerThatFailsLeavesTheMessageUnhandledSoItsRedeliveryApplies() {
        var message = message();
        handler.failFor(message.messageId());

        assertThatThrownBy(() -> inbox.handle(message)).isInstanceOf(IllegalStateException.class);
        handler.failFor(null);
        inbox.handle(message);
        inbox.handle(message);

        assertThat(handler.timesApplied(message.messageId())).isEqualTo(2);
    }

    private static IncomingMessage message() {
        var envelope = new Envelope(
                UUID.randomUUID(), "InventoryReleased", 1, Instant.now(), UUID.randomUUID(), null, null, null);
        return new IncomingMessage(envelope, MessageType.INVENTORY_RELEASED, new InventoryReleased());
    }
}
