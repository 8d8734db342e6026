package dev.fulfilment.order;

import static dev.fulfilment.order.Orders.asCustomer;
import static dev.fulfilment.order.Orders.asOperator;
import static dev.fulfilment.order.Orders.place;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.fulfilment.devstack.servers.LocalServers;
import dev.fulfilment.testkit.Envelopes;
import dev.fulfilment.testkit.LocalServersTestResource;
import dev.fulfilment.testkit.LocalSqs;
import io.quarkus.test.junit.QuarkusIntegrationTest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The packaged application (target/quarkus-app), started as in production, taking orders
 * through their saga with the replies sent to its queue: what a user of the jar meets. It is
 * also the run the build records the JDK's AOT cache from (quarkus.package.jar.aot.phase), so
 * what starts fast is what this test does.
 */
@QuarkusIntegrationTest
class PackagedOrderServiceIT {

    private static final int ORDERS = 60;

    @LocalServersTestResource.Servers
    LocalServers servers;

    @Test
    void placedOrdersAreConfirmedOnceTheirStockAndShipmentAreAnsweredAndACancelGoesThrough() {
        // Ten orders a customer: as many as one may hold open (orders.limits).
        var customers = java.util.stream.Stream.generate(Orders::uniqueCustomer)
                .limit(ORDERS / 10)
                .toList();
        var customer = customers.getFirst();
        var orders = new ArrayList<UUID>();
        for (int i = 0; i < ORDERS; i++) {
            var id = place(customers.get(i / 10), Orders.body("KEYBOARD-01", 1 + i % 3))
                    .then()
                    .statusCode(202)
                    .extract()
                    .<String>path("id");
            orders.add(UUID.fromString(id));
        }

        try (var sqs = LocalSqs.client(servers)) {
            var orderEvents = sqs.getQueueUrl(request -> request.queueName("order-events"))
                    .queueUrl();
            for (var orderId : orders) {
                sqs.sendMessage(request -> request.queueUrl(orderEvents)
                        .messageBody(Envelopes.json(orderId, "InventoryReserved", 2, """
                        {"lines":[{"sku":"KEYBOARD-01","quantity":1,"unitPrice":"89.00"}],"currency":"EUR"}""")));
            }
            await().atMost(Duration.ofSeconds(60))
                    .until(() ->
                            orders.stream().allMatch(id -> Orders.status(id).equals("INVENTORY_RESERVED")));
            for (var orderId : orders.subList(1, orders.size())) {
                sqs.sendMessage(request -> request.queueUrl(orderEvents)
                        .messageBody(Envelopes.json(
                                orderId, "ShipmentScheduled", 1, "{\"shipmentId\":\"" + UUID.randomUUID() + "\"}")));
            }
        }
        asCustomer(customer)
                .post("/orders/" + orders.getFirst() + "/cancel")
                .then()
                .statusCode(202);

        await().atMost(Duration.ofSeconds(60))
                .until(() -> orders.subList(1, orders.size()).stream()
                        .allMatch(id -> Orders.status(id).equals("CONFIRMED")));
        assertThat(Orders.status(orders.getFirst())).isEqualTo("CANCELLING");
        List<String> listed = asCustomer(customer)
                .queryParam("limit", 100)
                .get("/orders")
                .then()
                .statusCode(200)
                .extract()
                .path("items.id");
        assertThat(listed).hasSize(10);
        asOperator().queryParam("status", "CONFIRMED").get("/orders").then().statusCode(200);
    }
}
