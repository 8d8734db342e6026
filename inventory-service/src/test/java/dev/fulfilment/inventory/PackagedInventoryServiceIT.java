package dev.fulfilment.inventory;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import dev.fulfilment.devstack.servers.LocalServers;
import dev.fulfilment.testkit.Envelopes;
import dev.fulfilment.testkit.LocalServersTestResource;
import dev.fulfilment.testkit.LocalSqs;
import dev.fulfilment.testkit.QueueProbe;
import dev.fulfilment.testkit.TestTokens;
import io.quarkus.test.junit.QuarkusIntegrationTest;
import io.restassured.http.ContentType;
import java.util.ArrayList;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The packaged application (target/quarkus-app), started as in production: an operator stocks
 * a product, the saga's commands reserve and release it. It is also the run the build records
 * the JDK's AOT cache from (quarkus.package.jar.aot.phase).
 */
@QuarkusIntegrationTest
class PackagedInventoryServiceIT {

    private static final int ORDERS = 40;

    @LocalServersTestResource.Servers
    LocalServers servers;

    @Test
    void reservationsTakeTheStockAnOperatorAddedAndReleasesGiveItBack() {
        var sku = "IT-" + UUID.randomUUID().toString().substring(0, 8).toUpperCase();
        var operator = given().auth().oauth2(TestTokens.operator()).contentType(ContentType.JSON);
        operator.body("{\"name\":\"Packaged product\",\"unitPrice\":12.50,\"available\":0}")
                .put("/inventory/" + sku)
                .then()
                .statusCode(201);
        given().auth()
                .oauth2(TestTokens.operator())
                .contentType(ContentType.JSON)
                .body("{\"quantity\":" + ORDERS + ",\"reason\":\"delivery\"}")
                .post("/inventory/" + sku + "/adjustments")
                .then()
                .statusCode(201);

        var orders = new ArrayList<UUID>();
        try (var sqs = LocalSqs.client(servers)) {
            var replies = QueueProbe.of(sqs, "order-events");
            var commands = sqs.getQueueUrl(request -> request.queueName("inventory-commands"))
                    .queueUrl();
            for (int i = 0; i < ORDERS; i++) {
                var orderId = UUID.randomUUID();
                orders.add(orderId);
                sqs.sendMessage(request -> request.queueUrl(commands)
                        .messageBody(Envelopes.json(
                                orderId,
                                "ReserveInventory",
                                1,
                                "{\"lines\":[{\"sku\":\"" + sku + "\",\"quantity\":1}]}")));
            }
            orders.forEach(orderId -> replies.awaitMessage(orderId, "InventoryReserved"));
            var released = orders.getFirst();
            sqs.sendMessage(request -> request.queueUrl(commands)
                    .messageBody(Envelopes.json(released, "ReleaseInventory", 1, "{\"reason\":\"cancelled\"}")));
            replies.awaitMessage(released, "InventoryReleased");
        }

        given().get("/inventory/" + sku)
                .then()
                .statusCode(200)
                .body("available", equalTo(1))
                .body("reserved", equalTo(ORDERS - 1));
        assertThat(given().queryParam("limit", 100)
                        .get("/inventory")
                        .then()
                        .statusCode(200)
                        .extract()
                        .<java.util.List<String>>path("items.sku"))
                .isNotEmpty();
    }
}
