package dev.fulfilment.shipping;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import dev.fulfilment.contracts.ContractValidator;
import dev.fulfilment.contracts.messages.CancelShipment;
import dev.fulfilment.contracts.messages.CreateShipment;
import dev.fulfilment.contracts.messages.OrderLine;
import dev.fulfilment.contracts.messages.ShippingAddress;
import dev.fulfilment.support.messaging.EnvelopeCodec;
import dev.fulfilment.support.messaging.OutgoingMessage;
import dev.fulfilment.testkit.QueueProbe;
import dev.fulfilment.testkit.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/** Commands sent to the real shipping-commands queue; events read from the real order-events queue. */
@QuarkusTest
class ShippingTests {

    @Inject
    SqsClient sqs;

    @Inject
    EnvelopeCodec codec;

    @Inject
    PackingSlipPrinter printer;

    private final ContractValidator contracts = new ContractValidator();
    private QueueProbe orderEvents;

    @BeforeEach
    void connect() {
        orderEvents = QueueProbe.of(sqs, "order-events");
    }

    @Test
    void createShipmentSchedulesOneShipmentAndRepliesShipmentScheduled() {
        var orderId = UUID.randomUUID();

        send(createShipment(orderId));

        var reply = orderEvents.awaitMessage(orderId, "ShipmentScheduled");
        assertThat(contracts.violations(reply.body())).isEmpty();
        var shipmentId = reply.body().at("/payload/shipmentId").asText();
        asWarehouse()
                .queryParam("orderId", orderId.toString())
                .when()
                .get("/shipments")
                .then()
                .statusCode(200)
                .body("", hasSize(1))
                .body("[0].id", equalTo(shipmentId))
                .body("[0].status", equalTo("SCHEDULED"))
                .body("[0].shippingAddress.city", equalTo("London"));
    }

    @Test
    void aRepeatedOrSecondCreateShipmentMakesNoSecondShipment() {
        var orderId = UUID.randomUUID();
        var create = createShipment(orderId);

        send(create);
        send(create);
        send(createShipment(orderId));

        await().atMost(Duration.ofSeconds(20))
                .until(() ->
                        orderEvents.receivedOfType(orderId, "ShipmentScheduled").size() == 2);
        var replies = orderEvents.receivedOfType(orderId, "ShipmentScheduled");
        assertThat(replies.get(1).body().at("/payload/shipmentId"))
                .isEqualTo(replies.get(0).body().at("/payload/shipmentId"));
        asWarehouse()
                .queryParam("orderId", orderId.toString())
                .when()
                .get("/shipments")
                .then()
                .body("", hasSize(1));
    }

    @Test
    void dispatchAndDeliverSendTheirEventsOnceEach() {
        var orderId = UUID.randomUUID();
        var shipmentId = scheduledShipment(orderId);

        asCarrier()
                .when()
                .post("/shipments/" + shipmentId + "/deliver")
                .then()
                .statusCode(409)
                .contentType("application/problem+json");
        asWarehouse()
                .when()
                .post("/shipments/" + shipmentId + "/dispatch")
                .then()
                .statusCode(200)
                .body("status", equalTo("DISPATCHED"));
        asWarehouse()
                .when()
                .post("/shipments/" + shipmentId + "/dispatch")
                .then()
                .statusCode(200)
                .body("status", equalTo("DISPATCHED"));
        asCarrier()
                .when()
                .post("/shipments/" + shipmentId + "/deliver")
                .then()
                .statusCode(200)
                .body("status", equalTo("DELIVERED"));

        assertThat(contracts.violations(
                        orderEvents.awaitMessage(orderId, "ShipmentDispatched").body()))
                .isEmpty();
        assertThat(contracts.violations(
                        orderEvents.awaitMessage(orderId, "ShipmentDelivered").body()))
                .isEmpty();
        await().during(Duration.ofMillis(500))
                .atMost(Duration.ofSeconds(3))
                .until(() -> orderEvents
                                .receivedOfType(orderId, "ShipmentDispatched")
                                .size()
                        == 1);
    }

    @Test
    void aMessageTypeThatNeedsNoReplyIsHandledOnceAndAnswersNothing() {
        var orderId = UUID.randomUUID();
        var print = OutgoingMessage.caused(orderId, new PrintPackingSlip("dock-3"));

        send(print);
        send(print);
        await().atMost(Duration.ofSeconds(20)).until(() -> printer.printedOn(orderId) != null);
        var shipmentId = scheduledShipment(orderId);

        await().atMost(Duration.ofSeconds(20)).until(this::shippingCommandsIsEmpty);
        assertThat(printer.printedOn(orderId))
                .as("delivered twice, printed once")
                .isEqualTo("dock-3");
        assertThat(orderEvents.received(orderId))
                .as("the order's only message is the reply to its CreateShipment")
                .singleElement()
                .satisfies(reply -> {
                    assertThat(reply.type()).isEqualTo("ShipmentScheduled");
                    assertThat(reply.body().at("/payload/shipmentId").asText()).isEqualTo(shipmentId);
                });
        assertThat(messagesIn("shipping-commands-dlq")).isZero();
    }

    @Test
    void aScheduledShipmentIsCancelledAndThenCannotBeDispatched() {
        var orderId = UUID.randomUUID();
        var shipmentId = scheduledShipment(orderId);

        send(OutgoingMessage.caused(orderId, new CancelShipment("customer request")));

        assertThat(contracts.violations(
                        orderEvents.awaitMessage(orderId, "ShipmentCancelled").body()))
                .isEmpty();
        asWarehouse()
                .when()
                .post("/shipments/" + shipmentId + "/dispatch")
                .then()
                .statusCode(409)
                .contentType("application/problem+json")
                .body("type", endsWith("/shipment-state-conflict"));
    }

    @Test
    void aDispatchedShipmentRefusesToBeCancelled() {
        var orderId = UUID.randomUUID();
        var shipmentId = scheduledShipment(orderId);
        asWarehouse()
                .when()
                .post("/shipments/" + shipmentId + "/dispatch")
                .then()
                .statusCode(200);

        send(OutgoingMessage.caused(orderId, new CancelShipment("too late")));

        var refusal = orderEvents.awaitMessage(orderId, "ShipmentCancelRefused");
        assertThat(contracts.violations(refusal.body())).isEmpty();
        assertThat(refusal.body().at("/payload/shipmentStatus").asText()).isEqualTo("DISPATCHED");
        asWarehouse().when().get("/shipments/" + shipmentId).then().body("status", equalTo("DISPATCHED"));
    }

    @Test
    void aCancelThatOvertakesItsCreateLeavesNothingToShip() {
        var orderId = UUID.randomUUID();

        send(OutgoingMessage.caused(orderId, new CancelShipment("cancelled early")));
        orderEvents.awaitMessage(orderId, "ShipmentCancelled");
        send(createShipment(orderId));

        await().atMost(Duration.ofSeconds(20))
                .until(() ->
                        orderEvents.receivedOfType(orderId, "ShipmentCancelled").size() == 2);
        assertThat(orderEvents.receivedOfType(orderId, "ShipmentScheduled")).isEmpty();
        asWarehouse()
                .queryParam("orderId", orderId.toString())
                .when()
                .get("/shipments")
                .then()
                .body("[0].status", equalTo("CANCELLED"));
    }

    @Test
    void badIdsAre4xxProblemJson() {
        asWarehouse()
                .when()
                .get("/shipments/" + UUID.randomUUID())
                .then()
                .statusCode(404)
                .contentType("application/problem+json");
        asWarehouse()
                .queryParam("orderId", "not-a-uuid")
                .when()
                .get("/shipments")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("errors[0].field", equalTo("orderId"));
        asWarehouse().when().get("/shipments").then().statusCode(400).contentType("application/problem+json");
        asWarehouse()
                .when()
                .post("/shipments/" + UUID.randomUUID() + "/dispatch")
                .then()
                .statusCode(404);
    }

    private static RequestSpecification asWarehouse() {
        return given().auth().oauth2(TestTokens.warehouse());
    }

    private static RequestSpecification asCarrier() {
        return given().auth().oauth2(TestTokens.carrier());
    }

    private String scheduledShipment(UUID orderId) {
        send(createShipment(orderId));
        return orderEvents
                .awaitMessage(orderId, "ShipmentScheduled")
                .body()
                .at("/payload/shipmentId")
                .asText();
    }

    private static OutgoingMessage createShipment(UUID orderId) {
        return OutgoingMessage.caused(
                orderId,
                new CreateShipment(
                        List.of(new OrderLine("KEYBOARD-01", 1)),
                        new ShippingAddress("Ada Lovelace", "12 St James's Square", null, "London", "SW1Y 4JH", "GB")));
    }

    private boolean shippingCommandsIsEmpty() {
        return messagesIn("shipping-commands") == 0;
    }

    /** Visible and in-flight messages of the queue. */
    private int messagesIn(String queue) {
        var attributes = sqs.getQueueAttributes(request -> request.queueUrl(
                                sqs.getQueueUrl(url -> url.queueName(queue)).queueUrl())
                        .attributeNames(
                                QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES,
                                QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE))
                .attributes();
        return Integer.parseInt(attributes.get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES))
                + Integer.parseInt(attributes.get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE));
    }

    private void send(OutgoingMessage message) {
        var queueUrl = sqs.getQueueUrl(request -> request.queueName("shipping-commands"))
                .queueUrl();
        sqs.sendMessage(request -> request.queueUrl(queueUrl).messageBody(codec.encode(message)));
    }
}
