package dev.fulfilment.inventory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.fulfilment.contracts.ContractValidator;
import dev.fulfilment.contracts.messages.OrderLine;
import dev.fulfilment.contracts.messages.ReleaseInventory;
import dev.fulfilment.contracts.messages.ReserveInventory;
import dev.fulfilment.inventory.product.Product;
import dev.fulfilment.inventory.product.ProductRepository;
import dev.fulfilment.support.messaging.EnvelopeCodec;
import dev.fulfilment.support.messaging.OutgoingMessage;
import dev.fulfilment.testkit.QueueProbe;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.services.sqs.SqsClient;

/** Commands sent to the real inventory-commands queue, replies read from the real order-events queue. */
@QuarkusTest
class ReservationMessagingTests {

    @Inject
    SqsClient sqs;

    @Inject
    EnvelopeCodec codec;

    @Inject
    ProductRepository products;

    @Inject
    MeterRegistry registry;

    private final ContractValidator contracts = new ContractValidator();
    private QueueProbe orderEvents;
    private QueueProbe deadLetters;
    private String commandsQueueUrl;

    @BeforeEach
    void connect() {
        orderEvents = QueueProbe.of(sqs, "order-events");
        deadLetters = QueueProbe.of(sqs, "inventory-commands-dlq");
        commandsQueueUrl = sqs.getQueueUrl(request -> request.queueName("inventory-commands"))
                .queueUrl();
    }

    @Test
    void reservingTakesEveryLineFromAvailableAndRepliesInventoryReserved() {
        var keyboard = stockedProduct(10);
        var mouse = stockedProduct(5);
        var orderId = UUID.randomUUID();

        send(reserve(orderId, new OrderLine(keyboard, 3), new OrderLine(mouse, 5)));

        var reply = orderEvents.awaitMessage(orderId, "InventoryReserved");
        assertThat(contracts.violations(reply.body())).isEmpty();
        assertThat(reply.attributes())
                .containsEntry("type", "InventoryReserved")
                .containsKey("traceparent");
        assertThat(products.find(keyboard).orElseThrow())
                .extracting(Product::available, Product::reserved)
                .containsExactly(7L, 3L);
        assertThat(products.find(mouse).orElseThrow())
                .extracting(Product::available, Product::reserved)
                .containsExactly(0L, 5L);
    }

    @Test
    void theReplyCarriesThePricesOfTheMomentOfTheReservationAndALaterPriceOnlyLaterOrders() {
        var sku = stockedProduct(10, new BigDecimal("12.30"));
        var first = UUID.randomUUID();
        var firstCommand = reserve(first, new OrderLine(sku, 2));
        send(firstCommand);
        var firstReply = orderEvents.awaitMessage(first, "InventoryReserved");

        products.describe(sku, "Test product", new BigDecimal("15.00"), null);
        var second = UUID.randomUUID();
        send(reserve(second, new OrderLine(sku, 1)));
        var secondReply = orderEvents.awaitMessage(second, "InventoryReserved");
        send(firstCommand);

        await().atMost(Duration.ofSeconds(20))
                .until(() ->
                        orderEvents.receivedOfType(first, "InventoryReserved").size() == 2);
        assertThat(firstReply.body().path("version").asInt()).isEqualTo(2);
        assertThat(firstReply.body().at("/payload/lines/0/unitPrice").asText()).isEqualTo("12.30");
        assertThat(firstReply.body().at("/payload/currency").asText()).isEqualTo("EUR");
        assertThat(secondReply.body().at("/payload/lines/0/unitPrice").asText()).isEqualTo("15.00");
        assertThat(orderEvents
                        .receivedOfType(first, "InventoryReserved")
                        .get(1)
                        .body()
                        .at("/payload/lines/0/unitPrice")
                        .asText())
                .as("a redelivered command gets the reply it had, at the old price")
                .isEqualTo("12.30");
    }

    @Test
    void anOrderOfProductsReadBeforeTakesOnlyTheTransactionAndStockRunOutSinceIsStillRefused() {
        var sku = stockedProduct(10, new BigDecimal("4.00"));
        var first = UUID.randomUUID();
        send(reserve(first, new OrderLine(sku, 1)));
        orderEvents.awaitMessage(first, "InventoryReserved");

        var readsBefore = dynamoDbRequests("BatchGetItem");
        var transactionsBefore = dynamoDbRequests("TransactWriteItems");
        var second = UUID.randomUUID();
        send(reserve(second, new OrderLine(sku, 2)));
        var reserved = orderEvents.awaitMessage(second, "InventoryReserved");

        assertThat(dynamoDbRequests("BatchGetItem") - readsBefore)
                .as("the price read for the first order serves the second")
                .isZero();
        assertThat(dynamoDbRequests("TransactWriteItems") - transactionsBefore).isEqualTo(1);
        assertThat(reserved.body().at("/payload/lines/0/unitPrice").asText()).isEqualTo("4.00");

        var third = UUID.randomUUID();
        send(reserve(third, new OrderLine(sku, 8)));
        var rejected = orderEvents.awaitMessage(third, "InventoryRejected");

        assertThat(rejected.body().at("/payload/shortSkus/0").asText()).isEqualTo(sku);
        assertThat(products.find(sku).orElseThrow())
                .extracting(Product::available, Product::reserved)
                .containsExactly(7L, 3L);
    }

    @Test
    void aShortLineRejectsTheWholeOrderNamingTheSkuAndReservesNothing() {
        var plenty = stockedProduct(10);
        var scarce = stockedProduct(1);
        var unknown = "NOPE-" + UUID.randomUUID().toString().substring(0, 6).toUpperCase();
        var orderId = UUID.randomUUID();

        send(reserve(orderId, new OrderLine(plenty, 2), new OrderLine(scarce, 2), new OrderLine(unknown, 1)));

        var reply = orderEvents.awaitMessage(orderId, "InventoryRejected");
        assertThat(contracts.violations(reply.body())).isEmpty();
        assertThat(reply.body().at("/payload/shortSkus").toString())
                .contains(scarce)
                .doesNotContain(plenty);
        assertThat(reply.body().at("/payload/unknownSkus").toString()).contains(unknown);
        assertThat(products.find(plenty).orElseThrow().available()).isEqualTo(10);
        assertThat(products.find(scarce).orElseThrow().available()).isEqualTo(1);
    }

    @Test
    void anOrderOfManyLongUnknownSkusIsRejectedWithAReasonThatKeepsToTheContract() {
        var unknown = java.util.stream.IntStream.range(0, 50)
                .mapToObj(i -> "NOPE-%02d-".formatted(i) + "X".repeat(55))
                .toList();
        var orderId = UUID.randomUUID();

        send(reserve(orderId, unknown.stream().map(sku -> new OrderLine(sku, 1)).toArray(OrderLine[]::new)));

        var reply = orderEvents.awaitMessage(orderId, "InventoryRejected");
        assertThat(contracts.violations(reply.body())).isEmpty();
        var reason = reply.body().at("/payload/reason").asText();
        assertThat(reason)
                .hasSizeLessThanOrEqualTo(200)
                .startsWith("unknown sku NOPE-00-")
                .endsWith(" more");
        assertThat(reply.body().at("/payload/unknownSkus")).hasSize(50);
    }

    /** With units left, and after the reservation took the last ones (the redelivery then finds none to take). */
    @ParameterizedTest(name = "{0} in stock")
    @ValueSource(longs = {10, 4})
    void aRedeliveredReserveResendsTheSameReplyAndReservesOnce(long stocked) {
        var sku = stockedProduct(stocked);
        var orderId = UUID.randomUUID();
        var command = reserve(orderId, new OrderLine(sku, 4));

        send(command);
        orderEvents.awaitMessage(orderId, "InventoryReserved");
        send(command);

        await().atMost(Duration.ofSeconds(20))
                .until(() ->
                        orderEvents.receivedOfType(orderId, "InventoryReserved").size() == 2);
        var replies = orderEvents.receivedOfType(orderId, "InventoryReserved");
        assertThat(replies.get(1).body().get("messageId"))
                .isEqualTo(replies.get(0).body().get("messageId"));
        assertThat(orderEvents.receivedOfType(orderId, "InventoryRejected")).isEmpty();
        assertThat(products.find(sku).orElseThrow())
                .extracting(Product::available, Product::reserved)
                .containsExactly(stocked - 4, 4L);
    }

    @Test
    void releasingReturnsTheStockOnceHoweverOftenItIsAsked() {
        var sku = stockedProduct(10);
        var orderId = UUID.randomUUID();
        send(reserve(orderId, new OrderLine(sku, 4)));
        orderEvents.awaitMessage(orderId, "InventoryReserved");

        var release = OutgoingMessage.caused(orderId, new ReleaseInventory("customer cancelled"));
        send(release);
        send(release);

        await().atMost(Duration.ofSeconds(20))
                .until(() ->
                        orderEvents.receivedOfType(orderId, "InventoryReleased").size() == 2);
        assertThat(contracts.violations(
                        orderEvents.awaitMessage(orderId, "InventoryReleased").body()))
                .isEmpty();
        assertThat(products.find(sku).orElseThrow())
                .extracting(Product::available, Product::reserved)
                .containsExactly(10L, 0L);
    }

    @Test
    void aReleaseThatOvertakesItsReserveMakesTheReserveReserveNothing() {
        var sku = stockedProduct(10);
        var orderId = UUID.randomUUID();

        send(OutgoingMessage.caused(orderId, new ReleaseInventory("cancelled while pending")));
        orderEvents.awaitMessage(orderId, "InventoryReleased");
        send(reserve(orderId, new OrderLine(sku, 4)));

        orderEvents.awaitMessage(orderId, "InventoryRejected");
        assertThat(products.find(sku).orElseThrow())
                .extracting(Product::available, Product::reserved)
                .containsExactly(10L, 0L);
    }

    @Test
    void concurrentOrdersNeverOversell() {
        var sku = stockedProduct(10);
        var orderIds = IntStream.range(0, 30).mapToObj(i -> UUID.randomUUID()).toList();

        orderIds.parallelStream().forEach(orderId -> send(reserve(orderId, new OrderLine(sku, 1))));

        await().atMost(Duration.ofSeconds(60))
                .until(() -> orderIds.stream()
                        .allMatch(id -> !orderEvents.received(id).isEmpty()));
        var reserved = orderIds.stream()
                .filter(id ->
                        !orderEvents.receivedOfType(id, "InventoryReserved").isEmpty())
                .count();
        assertThat(reserved).isEqualTo(10);
        assertThat(products.find(sku).orElseThrow())
                .extracting(Product::available, Product::reserved)
                .containsExactly(0L, 10L);
    }

    @Test
    void aMessageThatBreaksItsSchemaGoesToTheDeadLetterQueueAtOnceWithTheReason() {
        var marker = UUID.randomUUID().toString();
        sqs.sendMessage(
                request -> request.queueUrl(commandsQueueUrl).messageBody("""
                {"messageId":"%s","type":"ReserveInventory","version":1,"occurredAt":"2026-01-01T00:00:00Z",
                 "orderId":"%s","payload":{"lines":[{"sku":"KEYBOARD-01","quantity":0}]}}""".formatted(marker, UUID.randomUUID())));

        await().atMost(Duration.ofSeconds(20))
                .until(() -> deadLetters.all().stream()
                        .anyMatch(message ->
                                message.body().path("messageId").asText().equals(marker)));
        var poison = deadLetters.all().stream()
                .filter(message -> message.body().path("messageId").asText().equals(marker))
                .findFirst()
                .orElseThrow();
        assertThat(poison.attributes().get("failure-reason")).contains("schema").contains("quantity");
    }

    /** Requests inventory-service sent to DynamoDB of that operation, each try counted. */
    private double dynamoDbRequests(String operation) {
        return registry.find("aws.requests").tag("operation", operation).counters().stream()
                .mapToDouble(Counter::count)
                .sum();
    }

    private String stockedProduct(long available) {
        return stockedProduct(available, new BigDecimal("1.00"));
    }

    private String stockedProduct(long available, BigDecimal unitPrice) {
        var sku = "TEST-" + UUID.randomUUID().toString().substring(0, 8).toUpperCase();
        products.create(sku, "Test product", unitPrice, available);
        return sku;
    }

    private static OutgoingMessage reserve(UUID orderId, OrderLine... lines) {
        return OutgoingMessage.caused(orderId, new ReserveInventory(List.of(lines)));
    }

    private void send(OutgoingMessage message) {
        var body = codec.encode(message);
        assertThat(contracts.violations(new com.fasterxml.jackson.databind.ObjectMapper().valueToTree(readTree(body))))
                .isEmpty();
        sqs.sendMessage(request -> request.queueUrl(commandsQueueUrl).messageBody(body));
    }

    private static com.fasterxml.jackson.databind.JsonNode readTree(String body) {
        try {
            return new com.fasterxml.jackson.databind.ObjectMapper().readTree(body);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
