package dev.fulfilment.inventory.reservation;

import static dev.fulfilment.inventory.table.InventoryTable.PARTITION_KEY;

import dev.fulfilment.contracts.messages.OrderLine;
import dev.fulfilment.inventory.product.ProductRepository;
import dev.fulfilment.inventory.table.InventoryTable;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;
import software.amazon.awssdk.services.dynamodb.model.Update;

/**
 * Reservations and the stock they hold, changed together in DynamoDB transactions whose
 * condition expressions keep stock from going below zero whatever runs at the same time.
 */
@ApplicationScoped
public class ReservationStore {

    private final DynamoDbClient dynamoDb;
    private final InventoryTable table;
    private final ProductRepository products;

    ReservationStore(DynamoDbClient dynamoDb, InventoryTable table, ProductRepository products) {
        this.dynamoDb = dynamoDb;
        this.table = table;
        this.products = products;
    }

    public Optional<Reservation> find(UUID orderId) {
        var item = dynamoDb.getItem(request -> request.tableName(table.name())
                        .key(InventoryTable.reservationKey(orderId))
                        .consistentRead(true))
                .item();
        return item == null || item.isEmpty() ? Optional.empty() : Optional.of(fromItem(orderId, item));
    }

    /** What one attempt at a transaction came to. */
    sealed interface Attempt {}

    /** The transaction committed. */
    record Committed() implements Attempt {}

    /** Another command for the order got there first: its decision stands. */
    record AlreadyDecided() implements Attempt {}

    /** A product's condition failed: the stock moved or the sku does not exist. */
    record StockConditionFailed() implements Attempt {}

    /** DynamoDB refused because another transaction touched the same items; try again. */
    record Conflict() implements Attempt {}

    /**
     * Takes every line's units from available to reserved and records the reservation, in one
     * transaction: all lines or none.
     */
    Attempt reserveAllOrNothing(UUID orderId, List<OrderLine> lines) {
        var items = new ArrayList<TransactWriteItem>();
        items.add(TransactWriteItem.builder()
                .put(newReservation(orderId, Reservation.Status.RESERVED, lines, null, List.of(), List.of()))
                .build());
        for (var line : lines) {
            items.add(TransactWriteItem.builder()
                    .update(Update.builder()
                            .tableName(table.name())
                            .key(InventoryTable.productKey(line.sku()))
                            .updateExpression("SET available = available - :quantity, reserved = reserved + :quantity")
                            .conditionExpression("attribute_exists(pk) AND available >= :quantity")
                            .expressionAttributeValues(
                                    Map.of(":quantity", AttributeValue.fromN(Integer.toString(line.quantity()))))
                            .build())
                    .build());
        }
        return transact(items);
    }

    /** Records that nothing was reserved, and why; fails over to the decision already there. */
    Attempt recordRejection(
            UUID orderId, List<OrderLine> lines, String reason, List<String> shortSkus, List<String> unknownSkus) {
        return putIfAbsent(newReservation(orderId, Reservation.Status.REJECTED, lines, reason, shortSkus, unknownSkus));
    }

    /** Records a release that came before any reserve, so that a late reserve reserves nothing. */
    Attempt recordReleaseBeforeReserve(UUID orderId) {
        return putIfAbsent(newReservation(
                orderId, Reservation.Status.RELEASED, List.of(), "released before reserve", List.of(), List.of()));
    }

    /** Gives the reservation's units back to available stock and marks it released, once. */
    Attempt release(Reservation reservation) {
        var items = new ArrayList<TransactWriteItem>();
        items.add(TransactWriteItem.builder()
                .update(Update.builder()
                        .tableName(table.name())
                        .key(InventoryTable.reservationKey(reservation.orderId()))
                        .updateExpression("SET #status = :released, updatedAt = :now")
                        .conditionExpression("#status = :reserved")
                        .expressionAttributeNames(Map.of("#status", "status"))
                        .expressionAttributeValues(Map.of(
                                ":released", AttributeValue.fromS(Reservation.Status.RELEASED.name()),
                                ":reserved", AttributeValue.fromS(Reservation.Status.RESERVED.name()),
                                ":now", AttributeValue.fromS(Instant.now().toString())))
                        .build())
                .build());
        for (var line : reservation.lines()) {
            items.add(TransactWriteItem.builder()
                    .update(Update.builder()
                            .tableName(table.name())
                            .key(InventoryTable.productKey(line.sku()))
                            .updateExpression("SET available = available + :quantity, reserved = reserved - :quantity")
                            .conditionExpression("attribute_exists(pk)")
                            .expressionAttributeValues(
                                    Map.of(":quantity", AttributeValue.fromN(Integer.toString(line.quantity()))))
                            .build())
                    .build());
        }
        return transact(items);
    }

    /** Which of the lines cannot be reserved now: skus that do not exist, and skus short of units. */
    record Shortage(List<String> shortSkus, List<String> unknownSkus) {
        boolean isEmpty() {
            return shortSkus.isEmpty() && unknownSkus.isEmpty();
        }
    }

    Shortage shortage(List<OrderLine> lines) {
        var shortSkus = new ArrayList<String>();
        var unknownSkus = new ArrayList<String>();
        for (var line : lines) {
            products.find(line.sku())
                    .ifPresentOrElse(
                            product -> {
                                if (product.available() < line.quantity()) {
                                    shortSkus.add(line.sku());
                                }
                            },
                            () -> unknownSkus.add(line.sku()));
        }
        return new Shortage(List.copyOf(shortSkus), List.copyOf(unknownSkus));
    }

    private Attempt transact(List<TransactWriteItem> items) {
        try {
            dynamoDb.transactWriteItems(request -> request.transactItems(items));
            return new Committed();
        } catch (TransactionCanceledException e) {
            var reasons = e.cancellationReasons();
            if (!reasons.isEmpty() && isConditionFailure(reasons.getFirst())) {
                return new AlreadyDecided();
            }
            if (reasons.stream().anyMatch(ReservationStore::isConditionFailure)) {
                return new StockConditionFailed();
            }
            return new Conflict();
        }
    }

    private Attempt putIfAbsent(Put put) {
        try {
            dynamoDb.putItem(request ->
                    request.tableName(put.tableName()).item(put.item()).conditionExpression(put.conditionExpression()));
            return new Committed();
        } catch (ConditionalCheckFailedException e) {
            return new AlreadyDecided();
        }
    }

    private static boolean isConditionFailure(CancellationReason reason) {
        return "ConditionalCheckFailed".equals(reason.code());
    }

    private Put newReservation(
            UUID orderId,
            Reservation.Status status,
            List<OrderLine> lines,
            String reason,
            List<String> shortSkus,
            List<String> unknownSkus) {
        var item = new HashMap<String, AttributeValue>();
        item.put(PARTITION_KEY, InventoryTable.reservationKey(orderId).get(PARTITION_KEY));
        item.put("orderId", AttributeValue.fromS(orderId.toString()));
        item.put("status", AttributeValue.fromS(status.name()));
        item.put(
                "lines",
                AttributeValue.fromL(lines.stream()
                        .map(line -> AttributeValue.fromM(Map.of(
                                "sku", AttributeValue.fromS(line.sku()),
                                "quantity", AttributeValue.fromN(Integer.toString(line.quantity())))))
                        .toList()));
        if (reason != null) {
            item.put("reason", AttributeValue.fromS(reason));
        }
        item.put(
                "shortSkus",
                AttributeValue.fromL(
                        shortSkus.stream().map(AttributeValue::fromS).toList()));
        item.put(
                "unknownSkus",
                AttributeValue.fromL(
                        unknownSkus.stream().map(AttributeValue::fromS).toList()));
        item.put("createdAt", AttributeValue.fromS(Instant.now().toString()));
        return Put.builder()
                .tableName(table.name())
                .item(item)
                .conditionExpression("attribute_not_exists(pk)")
                .build();
    }

    private static Reservation fromItem(UUID orderId, Map<String, AttributeValue> item) {
        return new Reservation(
                orderId,
                Reservation.Status.valueOf(item.get("status").s()),
                item.get("lines").l().stream()
                        .map(line -> new OrderLine(
                                line.m().get("sku").s(),
                                Integer.parseInt(line.m().get("quantity").n())))
                        .toList(),
                item.containsKey("reason") ? item.get("reason").s() : null,
                item.get("shortSkus").l().stream().map(AttributeValue::s).toList(),
                item.get("unknownSkus").l().stream().map(AttributeValue::s).toList());
    }
}
