package dev.fulfilment.shipping;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import dev.fulfilment.devstack.servers.LocalServers;
import dev.fulfilment.testkit.Envelopes;
import dev.fulfilment.testkit.LocalServersTestResource;
import dev.fulfilment.testkit.LocalSqs;
import dev.fulfilment.testkit.QueueProbe;
import dev.fulfilment.testkit.TestTokens;
import io.quarkus.test.junit.QuarkusIntegrationTest;
import java.util.ArrayList;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The packaged application (target/quarkus-app), started as in production: the saga's
 * commands schedule shipments, the warehouse dispatches them and the carrier delivers them. It is
 * also the run the build records the JDK's AOT cache from (quarkus.package.jar.aot.phase).
 */
@QuarkusIntegrationTest
class PackagedShippingServiceIT {

    private static final int ORDERS = 40;

    @LocalServersTestResource.Servers
    LocalServers servers;

    @Test
    void scheduledShipmentsAreDispatchedAndDeliveredAndACancelledOneIsNot() {
        var orders = new ArrayList<UUID>();
        var shipments = new ArrayList<String>();
        try (var sqs = LocalSqs.client(servers)) {
            var events = QueueProbe.of(sqs, "order-events");
            var commands = sqs.getQueueUrl(request -> request.queueName("shipping-commands"))
                    .queueUrl();
            for (int i = 0; i < ORDERS; i++) {
                var orderId = UUID.randomUUID();
                orders.add(orderId);
                sqs.sendMessage(request ->
                        request.queueUrl(commands).messageBody(Envelopes.json(orderId, "CreateShipment", 1, """
                                {"lines":[{"sku":"KEYBOARD-01","quantity":1}],
                                 "shippingAddress":{"recipient":"Ada Lovelace","line1":"1 Road","city":"London",
                                                    "postalCode":"N1","country":"GB"}}""")));
            }
            for (var orderId : orders) {
                shipments.add(events.awaitMessage(orderId, "ShipmentScheduled")
                        .body()
                        .at("/payload/shipmentId")
                        .asText());
            }
            var cancelled = orders.getFirst();
            sqs.sendMessage(request -> request.queueUrl(commands)
                    .messageBody(Envelopes.json(cancelled, "CancelShipment", 1, "{\"reason\":\"cancelled\"}")));
            events.awaitMessage(cancelled, "ShipmentCancelled");
        }

        for (var shipmentId : shipments.subList(1, shipments.size())) {
            given().auth()
                    .oauth2(TestTokens.warehouse())
                    .post("/shipments/" + shipmentId + "/dispatch")
                    .then()
                    .statusCode(200)
                    .body("status", equalTo("DISPATCHED"));
            given().auth()
                    .oauth2(TestTokens.carrier())
                    .post("/shipments/" + shipmentId + "/deliver")
                    .then()
                    .statusCode(200)
                    .body("status", equalTo("DELIVERED"));
        }
        given().auth()
                .oauth2(TestTokens.warehouse())
                .queryParam("orderId", orders.getFirst().toString())
                .get("/shipments")
                .then()
                .statusCode(200)
                .body("[0].status", equalTo("CANCELLED"));
    }
}
