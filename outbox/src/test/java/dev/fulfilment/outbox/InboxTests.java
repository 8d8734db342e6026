package dev.fulfilment.outbox;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fulfilment.contracts.Envelope;
import dev.fulfilment.contracts.MessageType;
import dev.fulfilment.contracts.messages.InventoryReleased;
import dev.fulfilment.support.messaging.IncomingMessage;
import dev.fulfilment.support.messaging.MessageProcessor.Outcome;
import dev.fulfilment.support.messaging.MessageProcessor.Status;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The inbox applies each message once, in one transaction with the record that it did. */
@QuarkusTest
class InboxTests {

    @Inject
    Inbox inbox;

    @Inject
    RecordingHandler handler;

    @Inject
    EntityManager entityManager;

    @Test
    void aMessageDeliveredAgainIsAppliedOnce() {
        var message = message();

        inbox.process(List.of(message));
        inbox.process(List.of(message));

        assertThat(handler.timesApplied(message.messageId())).isEqualTo(1);
    }

    @Test
    void aHandlerThatFailsLeavesTheMessageUnhandledSoItsRedeliveryApplies() {
        var message = message();
        handler.failFor(message.messageId());

        assertThat(statuses(inbox.process(List.of(message)))).containsExactly(Status.FAILED);
        handler.failFor(null);
        inbox.process(List.of(message));
        inbox.process(List.of(message));

        assertThat(handler.timesApplied(message.messageId())).isEqualTo(2);
        assertThat(recorded(message)).isTrue();
    }

    @Test
    void aBatchIsHandledInOneTransactionAndItsDuplicatesAreSkipped() {
        var first = message();
        var second = message();
        inbox.process(List.of(first));

        var outcomes = inbox.process(List.of(first, second, message()));

        assertThat(statuses(outcomes)).containsExactly(Status.HANDLED, Status.HANDLED, Status.HANDLED);
        assertThat(handler.timesApplied(first.messageId())).isEqualTo(1);
        assertThat(handler.timesApplied(second.messageId())).isEqualTo(1);
    }

    @Test
    void aFailingMessageOfABatchIsLeftAloneAndTheOthersAreHandled() {
        var good = message();
        var poisonous = message();
        var alsoGood = message();
        handler.failFor(poisonous.messageId());

        var outcomes = inbox.process(List.of(good, poisonous, alsoGood));

        assertThat(statuses(outcomes)).containsExactly(Status.HANDLED, Status.FAILED, Status.HANDLED);
        assertThat(recorded(good)).isTrue();
        assertThat(recorded(poisonous)).as("its record rolled back with it").isFalse();
        assertThat(recorded(alsoGood)).isTrue();
        handler.failFor(null);
        assertThat(statuses(inbox.process(List.of(good, poisonous, alsoGood))))
                .containsExactly(Status.HANDLED, Status.HANDLED, Status.HANDLED);
        assertThat(handler.timesApplied(poisonous.messageId()))
                .as("failed in the batch, failed alone, then applied")
                .isEqualTo(3);
    }

    private boolean recorded(IncomingMessage message) {
        return io.quarkus.narayana.jta.QuarkusTransaction.requiringNew()
                .call(() -> !entityManager
                        .createNativeQuery("SELECT 1 FROM processed_messages WHERE message_id = :id")
                        .setParameter("id", message.messageId())
                        .getResultList()
                        .isEmpty());
    }

    private static List<Status> statuses(List<Outcome> outcomes) {
        return outcomes.stream().map(Outcome::status).toList();
    }

    private static IncomingMessage message() {
        var envelope = new Envelope(
                UUID.randomUUID(), "InventoryReleased", 1, Instant.now(), UUID.randomUUID(), null, null, null);
        return new IncomingMessage(envelope, MessageType.of(InventoryReleased.class), new InventoryReleased());
    }
}
