package dev.fulfilment.systemtests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.fulfilment.contracts.Destination;
import dev.fulfilment.devstack.Service;
import dev.fulfilment.ops.DeadLetters;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;

/** What an operator does with dead letters: look at them, send them back once the cause is gone, drop poison. */
@ExtendWith(RunningSystem.class)
class DeadLettersIT {

    private final RunningSystem system;
    private final Shop shop;
    private final DeadLetters deadLetters;

    DeadLettersIT(RunningSystem system) {
        this.system = system;
        this.shop = new Shop(system);
        this.deadLetters = new DeadLetters(system.sqs(), "");
    }

    @Test
    void poisonIsListedWithItsReasonAndCanBeDiscarded() {
        system.sqs()
                .sendMessage(request -> request.queueUrl(system.queueUrl("order-events"))
                        .messageBody("{\"orderId\":\"00000000-0000-0000-0000-00000000dead\",\"not\":\"an envelope\"}"));

        await().atMost(Duration.ofSeconds(10)).until(() -> !poison().isEmpty());
        var letter = poison().getFirst();
        assertThat(letter.source()).isEqualTo(Destination.ORDER_EVENTS);
        assertThat(letter.failureReason()).isNotBlank();

        assertThat(deadLetters.discard(l -> l.messageId().equals(letter.messageId())))
                .hasSize(1);
        assertThat(poison()).isEmpty();
    }

    @Test
    void aCommandDeadLetteredWhileItsServiceWasDownCompletesItsOrderOnceRedriven() {
        var sku = shop.newProduct(10);
        system.stop(Service.INVENTORY);
        java.util.UUID orderId;
        try {
            orderId = shop.placeOrder(sku, 1);
            // As if it had failed until SQS gave up on it: into the dead-letter queue.
            moveToDeadLetterQueue("inventory-commands", "ReserveInventory failed 5 times (the test's doing)");
        } finally {
            system.startAgain(Service.INVENTORY);
        }
        var listed = deadLetters.list().stream()
                .filter(letter -> orderId.toString().equals(letter.orderId()))
                .toList();
        assertThat(listed).singleElement().satisfies(letter -> {
            assertThat(letter.type()).isEqualTo("ReserveInventory");
            assertThat(letter.source()).isEqualTo(Destination.INVENTORY_COMMANDS);
        });
        assertThat(shop.status(orderId)).isEqualTo("PENDING");

        assertThat(deadLetters.redrive(
                        letter -> letter.messageId().equals(listed.getFirst().messageId())))
                .hasSize(1);

        // Sooner than the saga's deadline (30 s) would have sent the command again.
        shop.awaitStatusIn(List.of(orderId), Set.of("CONFIRMED"), Duration.ofSeconds(20));
        assertThat(shop.order(orderId).then().extract().jsonPath().getList("timeline.reason", String.class))
                .noneMatch(reason -> reason.contains("sent again"));
        assertThat(system.deadLetterCount()).isZero();
    }

    private List<DeadLetters.DeadLetter> poison() {
        return deadLetters.list().stream()
                .filter(letter -> "00000000-0000-0000-0000-00000000dead".equals(letter.orderId()))
                .toList();
    }

    private void moveToDeadLetterQueue(String queue, String reason) {
        var sqs = system.sqs();
        var queueUrl = system.queueUrl(queue);
        var moved = 0;
        while (moved == 0) {
            for (var message : sqs.receiveMessage(request -> request.queueUrl(queueUrl)
                            .maxNumberOfMessages(10)
                            .waitTimeSeconds(1)
                            .messageAttributeNames("All"))
                    .messages()) {
                var attributes = new java.util.HashMap<>(message.messageAttributes());
                attributes.put(
                        "failure-reason",
                        MessageAttributeValue.builder()
                                .dataType("String")
                                .stringValue(reason)
                                .build());
                sqs.sendMessage(request -> request.queueUrl(system.queueUrl(Destination.deadLetterQueueOf(queue)))
                        .messageBody(message.body())
                        .messageAttributes(attributes));
                sqs.deleteMessage(request -> request.queueUrl(queueUrl).receiptHandle(message.receiptHandle()));
                moved++;
            }
        }
        assertThat(moved).isEqualTo(1);
    }
}
