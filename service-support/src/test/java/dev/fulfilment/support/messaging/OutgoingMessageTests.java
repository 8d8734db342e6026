package dev.fulfilment.support.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fulfilment.contracts.Envelope;
import dev.fulfilment.contracts.MessageType;
import dev.fulfilment.contracts.messages.InventoryReleased;
import dev.fulfilment.contracts.messages.InventoryReserved;
import dev.fulfilment.contracts.messages.ReserveInventory;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class OutgoingMessageTests {

    @Test
    void repliesToOneCommandShareTheirIdAndDifferByType() {
        var command = new IncomingMessage(
                new Envelope(
                        UUID.randomUUID(), "ReserveInventory", 1, Instant.now(), UUID.randomUUID(), null, null, null),
                MessageType.of(ReserveInventory.class),
                new ReserveInventory(List.of()));

        var first = OutgoingMessage.replyTo(command, new InventoryReleased());
        var again = OutgoingMessage.replyTo(command, new InventoryReleased());
        var other = OutgoingMessage.replyTo(command, new InventoryReserved(List.of(), "EUR"));

        assertThat(again.messageId()).isEqualTo(first.messageId());
        assertThat(other.messageId()).isNotEqualTo(first.messageId());
        assertThat(first.causationId()).isEqualTo(command.messageId());
        assertThat(first.orderId()).isEqualTo(command.orderId());
    }
}
