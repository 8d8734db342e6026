package dev.fulfilment.inventory;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;

import dev.fulfilment.contracts.messages.OrderLine;
import dev.fulfilment.contracts.messages.ReserveInventory;
import dev.fulfilment.inventory.product.Product;
import dev.fulfilment.inventory.product.ProductRepository;
import dev.fulfilment.support.messaging.EnvelopeCodec;
import dev.fulfilment.support.messaging.OutgoingMessage;
import dev.fulfilment.testkit.QueueProbe;
import dev.fulfilment.testkit.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sqs.SqsClient;

/** Operators' stock changes: relative, audited, never below zero, never over a reservation. */
@QuarkusTest
class StockAdjustmentTests {

    @Inject
    ProductRepository products;

    @Inject
    SqsClient sqs;

    @Inject
    EnvelopeCodec codec;

    @Test
    void aRestockRacingFiftyReservationsEndsWithExactlyInitialPlusReceivedMinusReserved() throws Exception {
        var sku = newProduct(100);
        var orderIds = IntStream.range(0, 50).mapToObj(i -> UUID.randomUUID()).toList();
        var commands = sqs.getQueueUrl(request -> request.queueName("inventory-commands"))
                .queueUrl();

        try (var executor = Executors.newVirtualThreadPerTaskExecutor()) {
            for (var orderId : orderIds) {
                executor.submit(() -> sqs.sendMessage(request -> request.queueUrl(commands)
                        .messageBody(codec.encode(OutgoingMessage.caused(
                                orderId, new ReserveInventory(List.of(new OrderLine(sku, 1))))))));
            }
            for (int delivery = 0; delivery < 5; delivery++) {
                executor.submit(() -> adjust(sku, 10, "delivery").then().statusCode(201));
            }
        }

        var orderEvents = QueueProbe.of(sqs, "order-events");
        await().atMost(Duration.ofSeconds(60))
                .until(() -> orderIds.stream()
                        .allMatch(id -> !orderEvents
                                .receivedOfType(id, "InventoryReserved")
                                .isEmpty()));
        assertThat(products.find(sku).orElseThrow())
                .extracting(Product::available, Product::reserved)
                .containsExactly(100L + 50 - 50, 50L);
        asOperator()
                .queryParam("limit", 100)
                .get("/inventory/" + sku + "/adjustments")
                .then()
                .statusCode(200)
                .body("items.size()", equalTo(5))
                .body("items.quantity.sum()", equalTo(50));
    }

    @Test
    void removingMoreThanIsAvailableIsRefusedAndChangesNothing() {
        var sku = newProduct(3);

        adjust(sku, -4, "stock count")
                .then()
                .statusCode(409)
                .contentType("application/problem+json")
                .body("type", endsWith("/not-enough-stock"));

        assertThat(products.find(sku).orElseThrow().available()).isEqualTo(3);
        asOperator().get("/inventory/" + sku + "/adjustments").then().body("items.size()", equalTo(0));
    }

    @Test
    void theAuditTrailListsAdjustmentsNewestFirstWithTheirReasonsAndOperator() {
        var sku = newProduct(0);
        adjust(sku, 20, "delivery 4711").then().statusCode(201).body("stock.available", equalTo(20));
        adjust(sku, -1, "damaged").then().statusCode(201).body("stock.available", equalTo(19));

        asOperator()
                .get("/inventory/" + sku + "/adjustments")
                .then()
                .statusCode(200)
                .body("items.reason", equalTo(List.of("damaged", "delivery 4711")))
                .body("items.quantity", equalTo(List.of(-1, 20)))
                .body("items.by", equalTo(List.of("operator-1", "operator-1")));
        asOperator()
                .queryParam("limit", 1)
                .get("/inventory/" + sku + "/adjustments")
                .then()
                .body("items.reason", equalTo(List.of("damaged")))
                .body("nextCursor", org.hamcrest.Matchers.notNullValue());
    }

    @Test
    void theSameIdempotencyKeyAppliesOnceAndAnotherChangeWithItIsRefused() {
        var sku = newProduct(5);
        var key = UUID.randomUUID().toString();

        var first =
                adjustWithKey(sku, 10, "delivery", key).then().statusCode(201).extract();
        adjustWithKey(sku, 10, "delivery", key)
                .then()
                .statusCode(200)
                .header("Idempotent-Replayed", "true")
                .body("adjustment.id", equalTo(first.path("adjustment.id")));
        adjustWithKey(sku, 11, "delivery", key).then().statusCode(422);

        assertThat(products.find(sku).orElseThrow().available()).isEqualTo(15);
    }

    @Test
    void anIdempotencyKeyOfUpTo200CharactersIsTakenAsOrderServiceTakesItAndALongerOneIsRefused() {
        var sku = newProduct(5);

        adjustWithKey(sku, 1, "delivery", "k".repeat(200)).then().statusCode(201);
        adjustWithKey(sku, 1, "delivery", "k".repeat(201))
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("detail", org.hamcrest.Matchers.containsString("between 1 and 200"));

        assertThat(products.find(sku).orElseThrow().available()).isEqualTo(6);
    }

    @Test
    void aZeroOrMissingQuantityAndAnUnknownSkuAreRefused() {
        var sku = newProduct(5);

        adjust(sku, 0, "nothing").then().statusCode(400).body("errors[0].field", equalTo("quantity"));
        asOperator()
                .contentType(ContentType.JSON)
                .body("{\"reason\":\"no quantity\"}")
                .post("/inventory/" + sku + "/adjustments")
                .then()
                .statusCode(400);
        adjust("NO-SUCH-" + UUID.randomUUID().toString().substring(0, 6).toUpperCase(), 1, "x")
                .then()
                .statusCode(404);
        assertThat(products.find(sku).orElseThrow().available()).isEqualTo(5);
    }

    private String newProduct(long available) {
        var sku = "ADJ-" + UUID.randomUUID().toString().substring(0, 8).toUpperCase();
        products.create(sku, "Adjusted product", new BigDecimal("2.50"), available);
        return sku;
    }

    private static io.restassured.response.Response adjust(String sku, int quantity, String reason) {
        return asOperator()
                .contentType(ContentType.JSON)
                .body("{\"quantity\":%d,\"reason\":\"%s\"}".formatted(quantity, reason))
                .post("/inventory/" + sku + "/adjustments");
    }

    private static io.restassured.response.Response adjustWithKey(String sku, int quantity, String reason, String key) {
        return asOperator()
                .contentType(ContentType.JSON)
                .header("Idempotency-Key", key)
                .body("{\"quantity\":%d,\"reason\":\"%s\"}".formatted(quantity, reason))
                .post("/inventory/" + sku + "/adjustments");
    }

    private static RequestSpecification asOperator() {
        return given().auth().oauth2(TestTokens.operator());
    }
}
