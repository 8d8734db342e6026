package dev.fulfilment.inventory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.fulfilment.contracts.messages.OrderLine;
import dev.fulfilment.contracts.messages.ReleaseInventory;
import dev.fulfilment.contracts.messages.ReserveInventory;
import dev.fulfilment.inventory.product.Product;
import dev.fulfilment.inventory.product.ProductRepository;
import dev.fulfilment.support.messaging.EnvelopeCodec;
import dev.fulfilment.support.messaging.IncomingMessage;
import dev.fulfilment.support.messaging.MessageProcessor;
import dev.fulfilment.support.messaging.OutgoingMessage;
import dev.fulfilment.testkit.QueueProbe;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * The reserves of one received batch, reserved together in one DynamoDB transaction when they
 * share products (a product written once for them all), with the guarantees of an order reserved
 * alone: all of an order or none, never oversold, a redelivered command answered as before, a
 * short order rejected on a fresh read. The batches are handed to the service's message
 * processor as its SQS consumer hands them; the replies are read from the real order-events queue.
 */
@QuarkusTest
class ReservingTogetherTests {

    @Inject
    MessageProcessor processor;

    @Inject
    EnvelopeCodec codec;

    @Inject
    ProductRepository products;

    @Inject
    MeterRegistry registry;

    @Inject
    SqsClient sqs;

    private QueueProbe orderEvents;

    @BeforeEach
    void connect() {
        orderEvents = QueueProbe.of(sqs, "order-events");
    }

    @Test
    void tenOrdersOfAHotProductAndThreeOthersAreOneTransactionWritingFourteenItemsInsteadOfThirty() {
        var hot = stockedProduct(100, "2.50");
        var others = List.of(stockedProduct(100, "1.00"), stockedProduct(100, "1.00"), stockedProduct(100, "1.00"));
        knowPrices(hot, others.get(0), others.get(1), others.get(2));
        var orders = IntStream.range(0, 10).mapToObj(i -> UUID.randomUUID()).toList();
        var batch = new ArrayList<IncomingMessage>();
        for (int i = 0; i < orders.size(); i++) {
            batch.add(reserve(orders.get(i), new OrderLine(hot, 1), new OrderLine(others.get(i % 3), 2)));
        }
        var transactionsBefore = dynamoDb("aws.requests", "TransactWriteItems");
        var writesBefore = writeUnits();
        var hotVersion = products.find(hot).orElseThrow().version();

        var outcomes = processor.process(batch);

        assertThat(outcomes).allMatch(outcome -> outcome.status() == MessageProcessor.Status.HANDLED);
        for (var orderId : orders) {
            var reply = orderEvents.awaitMessage(orderId, "InventoryReserved");
            assertThat(reply.body().at("/payload/lines/0/unitPrice").asText()).isEqualTo("2.50");
        }
        assertThat(dynamoDb("aws.requests", "TransactWriteItems") - transactionsBefore)
                .isEqualTo(1);
        assertThat(writeUnits() - writesBefore)
                .as("ten reservations and four products, twice each (a transaction's write), not 10 x 3 items")
                .isEqualTo(2 * (10 + 4));
        assertThat(products.find(hot).orElseThrow())
                .extracting(Product::available, Product::reserved, Product::version)
                .as("one change of the product for the ten orders")
                .containsExactly(90L, 10L, hotVersion + 1);
        assertThat(products.find(others.getFirst()).orElseThrow())
                .extracting(Product::available, Product::reserved)
                .containsExactly(92L, 8L);
    }

    @Test
    void anOrderShortOfStockInTheBatchIsRejectedOnAFreshReadAndTheOthersAreStillReserved() {
        var sku = stockedProduct(10, "1.00");
        knowPrices(sku);
        var small = IntStream.range(0, 3).mapToObj(i -> UUID.randomUUID()).toList();
        var large = UUID.randomUUID();
        var batch = new ArrayList<IncomingMessage>();
        small.forEach(orderId -> batch.add(reserve(orderId, new OrderLine(sku, 1))));
        batch.add(reserve(large, new OrderLine(sku, 20)));

        processor.process(batch);

        small.forEach(orderId -> orderEvents.awaitMessage(orderId, "InventoryReserved"));
        var rejected = orderEvents.awaitMessage(large, "InventoryRejected");
        assertThat(rejected.body().at("/payload/shortSkus/0").asText()).isEqualTo(sku);
        assertThat(products.find(sku).orElseThrow())
                .extracting(Product::available, Product::reserved)
                .containsExactly(7L, 3L);
    }

    @Test
    void aCommandRedeliveredInABatchIsAnsweredAsBeforeAndReservesNothingMore() {
        var sku = stockedProduct(10, "3.00");
        knowPrices(sku);
        var first = UUID.randomUUID();
        processor.process(List.of(reserve(first, new OrderLine(sku, 2))));
        orderEvents.awaitMessage(first, "InventoryReserved");
        var others = List.of(UUID.randomUUID(), UUID.randomUUID());

        processor.process(List.of(
                reserve(first, new OrderLine(sku, 2)),
                reserve(others.get(0), new OrderLine(sku, 1)),
                reserve(others.get(1), new OrderLine(sku, 1))));

        others.forEach(orderId -> orderEvents.awaitMessage(orderId, "InventoryReserved"));
        assertThat(orderEvents.receivedOfType(first, "InventoryReserved"))
                .hasSizeGreaterThanOrEqualTo(1)
                .allSatisfy(reply -> assertThat(
                                reply.body().at("/payload/lines/0/quantity").asInt())
                        .isEqualTo(2));
        assertThat(products.find(sku).orElseThrow())
                .extracting(Product::available, Product::reserved)
                .containsExactly(6L, 4L);
    }

    @Test
    void batchesReservingTheSameProductAtOnceNeverOversell() {
        var sku = stockedProduct(15, "1.00");
        knowPrices(sku);
        var orders = IntStream.range(0, 20).mapToObj(i -> UUID.randomUUID()).toList();

        var batches = List.of(orders.subList(0, 10), orders.subList(10, 20)).stream()
                .map(ids -> CompletableFuture.runAsync(() -> processor.process(ids.stream()
                        .map(orderId -> reserve(orderId, new OrderLine(sku, 1)))
                        .toList())))
                .toList();
        batches.forEach(CompletableFuture::join);

        await().atMost(Duration.ofSeconds(30))
                .until(() -> orders.stream()
                        .allMatch(orderId -> !orderEvents.received(orderId).isEmpty()));
        var reserved = orders.stream()
                .filter(orderId -> !orderEvents
                        .receivedOfType(orderId, "InventoryReserved")
                        .isEmpty())
                .count();
        assertThat(reserved).isEqualTo(15);
        assertThat(products.find(sku).orElseThrow())
                .extracting(Product::available, Product::reserved)
                .containsExactly(0L, 15L);
    }

    /** Reserves and releases one unit of each product alone: the service reads them, and knows their prices. */
    private void knowPrices(String... skus) {
        for (var sku : skus) {
            var orderId = UUID.randomUUID();
            processor.process(List.of(reserve(orderId, new OrderLine(sku, 1))));
            orderEvents.awaitMessage(orderId, "InventoryReserved");
            processor.process(List.of(
                    incoming(OutgoingMessage.caused(orderId, new ReleaseInventory("the test knows the price now")))));
            orderEvents.awaitMessage(orderId, "InventoryReleased");
        }
    }

    private IncomingMessage reserve(UUID orderId, OrderLine... lines) {
        return incoming(OutgoingMessage.caused(orderId, new ReserveInventory(List.of(lines))));
    }

    private IncomingMessage incoming(OutgoingMessage message) {
        return ((EnvelopeCodec.Valid) codec.decode(codec.encode(message))).message();
    }

    private String stockedProduct(long available, String unitPrice) {
        var sku = "TOGETHER-" + UUID.randomUUID().toString().substring(0, 8).toUpperCase();
        products.create(sku, "Test product", new BigDecimal(unitPrice), available);
        return sku;
    }

    private double writeUnits() {
        return registry.find("dynamodb.capacity.units").tag("kind", "write").counters().stream()
                .mapToDouble(Counter::count)
                .sum();
    }

    private double dynamoDb(String meter, String operation) {
        return registry.find(meter).tag("operation", operation).counters().stream()
                .mapToDouble(Counter::count)
                .sum();
    }
}
