package dev.fulfilment.inventory.reservation;

import dev.fulfilment.contracts.messages.ReservedLine;
import dev.fulfilment.inventory.table.InventoryTable;
import jakarta.enterprise.context.ApplicationScoped;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
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
 * condition expressions keep stock from going below zero, and the price from changing under a
 * reservation, whatever runs at the same time.
 */
@ApplicationScoped
public class ReservationStore {

    private final DynamoDbClient dynamoDb;
    private final InventoryTable table;

    ReservationStore(DynamoDbClient dynamoDb, InventoryTable table) {
        this.dynamoDb = dynamoDb;
        this.table = table;
    }

    public Optional<Reservation> find(UUID orderId) {
        var item = dynamoDb.getItem(request -> request.tableName(table.name())
                        .key(InventoryTable.reservationKey(orderId))
                        .consistentRead(true))
                .item();
        return item == null || item.isEmpty() ? Optional.empty() : Optional.of(fromItem(orderId, item));
    }

    /** What one attempt at a write came to. */
    sealed interface Attempt {}

    /** It committed. */
    record Committed() implements Attempt {}

    /** Another command for the order got there first: its decision stands. */
    record AlreadyDecided() implements Attempt {}

    /** A product's condition failed: its stock or its price moved since it was read. */
    record ProductChanged() implements Attempt {}

    /** DynamoDB refused because another transaction touched the same items; try again. */
    record Conflict() implements Attempt {}

    /** What an attempt at reserving several orders together came to. */
    sealed interface Together {}

    /** Every order is reserved, as these reservations record. */
    record AllReserved(List<Reservation> reservations) implements Together {}

    /** These orders had a decision already (their commands were redelivered); nothing was written. */
    record SomeDecided(Set<UUID> orderIds) implements Together {}

    /** Nothing was written: a product's stock or price moved, or another transaction conflicted. */
    record NotReserved(Attempt why) implements Together {}

    /**
     * Takes every line's units from available to reserved and records the reservation with
     * the prices it was made at, in one transaction: all lines or none, and only while each
     * product still has the price it was read with.
     */
    Attempt reserveAllOrNothing(UUID orderId, List<ReservedLine> lines, String currency) {
        var items = new ArrayList<TransactWriteItem>();
        items.add(TransactWriteItem.builder()
                .put(newReservation(new Reservation(
                        orderId, Reservation.Status.RESERVED, lines, currency, null, List.of(), List.of())))
                .build());
        lines.forEach(line -> items.add(takeFromAvailable(line)));
        return transact(items);
    }

    /** Moves the line's units from available to reserved while the product has them at that price. */
    private TransactWriteItem takeFromAvailable(ReservedLine line) {
        return TransactWriteItem.builder()
                .update(Update.builder()
                        .tableName(table.name())
                        .key(InventoryTable.productKey(line.sku()))
                        .updateExpression(
                                "SET available = available - :quantity, reserved = reserved + :quantity ADD version :one")
                        .conditionExpression("attribute_exists(pk) AND available >= :quantity AND unitPrice = :price")
                        .expressionAttributeValues(Map.of(
                                ":quantity", quantity(line.quantity()),
                                ":price", AttributeValue.fromN(line.unitPrice().toPlainString()),
                                ":one", AttributeValue.fromN("1")))
                        .build())
                .build();
    }

    /** An order's lines at the prices it is to be reserved at. */
    record PricedOrder(UUID orderId, List<ReservedLine> lines) {}

    /**
     * Reserves several orders in one transaction: a reservation item per order, and one update
     * per product with the orders' quantities together, under the same conditions as one
     * order's (the product exists, has the units of them all, still has that price). All the
     * orders or none; the orders' lines must name each sku once, at the same price across the
     * orders, and no order twice.
     */
    Together reserveTogether(List<PricedOrder> orders, String currency) {
        var items = new ArrayList<TransactWriteItem>();
        var totals = new LinkedHashMap<String, ReservedLine>();
        var reservations = new ArrayList<Reservation>(orders.size());
        for (var order : orders) {
            var reservation = new Reservation(
                    order.orderId(), Reservation.Status.RESERVED, order.lines(), currency, null, List.of(), List.of());
            reservations.add(reservation);
            items.add(
                    TransactWriteItem.builder().put(newReservation(reservation)).build());
            for (var line : order.lines()) {
                totals.merge(
                        line.sku(),
                        line,
                        (sum, more) -> new ReservedLine(sum.sku(), sum.quantity() + more.quantity(), sum.unitPrice()));
            }
        }
        totals.values().forEach(total -> items.add(takeFromAvailable(total)));
        try {
            dynamoDb.transactWriteItems(request -> request.transactItems(items));
            return new AllReserved(List.copyOf(reservations));
        } catch (TransactionCanceledException e) {
            var reasons = e.cancellationReasons();
            if (reasons.size() != items.size()) {
                return new NotReserved(new Conflict());
            }
            if (reasons.subList(orders.size(), reasons.size()).stream()
                    .anyMatch(ReservationStore::isConditionFailure)) {
                return new NotReserved(new ProductChanged());
            }
            var decided = new HashSet<UUID>();
            for (int i = 0; i < orders.size(); i++) {
                if (isConditionFailure(reasons.get(i))) {
                    decided.add(orders.get(i).orderId());
                }
            }
            return decided.isEmpty() ? new NotReserved(new Conflict()) : new SomeDecided(Set.copyOf(decided));
        }
    }

    /** Records that nothing was reserved, and why, unless the order has a decision already. */
    Attempt recordRejection(Reservation rejection) {
        if (rejection.status() != Reservation.Status.REJECTED) {
            throw new IllegalArgumentException("not a rejection: " + rejection.status());
        }
        return putIfAbsent(newReservation(rejection));
    }

    /** Records a release that came before any reserve, so that a late reserve reserves nothing. */
    Attempt recordReleaseBeforeReserve(UUID orderId) {
        return putIfAbsent(newReservation(new Reservation(
                orderId,
                Reservation.Status.RELEASED,
                List.of(),
                null,
                "released before reserve",
                List.of(),
                List.of())));
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
                            .updateExpression(
                                    "SET available = available + :quantity, reserved = reserved - :quantity ADD version :one")
                            .conditionExpression("attribute_exists(pk)")
                            .expressionAttributeValues(
                                    Map.of(":quantity", quantity(line.quantity()), ":one", AttributeValue.fromN("1")))
                            .build())
                    .build());
        }
        return transact(items);
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
                return new ProductChanged();
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

    private static AttributeValue quantity(int quantity) {
        return AttributeValue.fromN(Integer.toString(quantity));
    }

    private Put newReservation(Reservation reservation) {
        var item = new HashMap<>(InventoryTable.reservationKey(reservation.orderId()));
        item.put("orderId", AttributeValue.fromS(reservation.orderId().toString()));
        item.put("status", AttributeValue.fromS(reservation.status().name()));
        item.put(
                "lines",
                AttributeValue.fromL(reservation.lines().stream()
                        .map(ReservationStore::lineItem)
                        .toList()));
        if (reservation.currency() != null) {
            item.put("currency", AttributeValue.fromS(reservation.currency()));
        }
        if (reservation.reason() != null) {
            item.put("reason", AttributeValue.fromS(reservation.reason()));
        }
        item.put(
                "shortSkus",
                AttributeValue.fromL(reservation.shortSkus().stream()
                        .map(AttributeValue::fromS)
                        .toList()));
        item.put(
                "unknownSkus",
                AttributeValue.fromL(reservation.unknownSkus().stream()
                        .map(AttributeValue::fromS)
                        .toList()));
        item.put("createdAt", AttributeValue.fromS(Instant.now().toString()));
        return Put.builder()
                .tableName(table.name())
                .item(item)
                .conditionExpression("attribute_not_exists(pk)")
                .build();
    }

    private static AttributeValue lineItem(ReservedLine line) {
        var item = new HashMap<String, AttributeValue>();
        item.put("sku", AttributeValue.fromS(line.sku()));
        item.put("quantity", quantity(line.quantity()));
        if (line.unitPrice() != null) {
            item.put("unitPrice", AttributeValue.fromN(line.unitPrice().toPlainString()));
        }
        return AttributeValue.fromM(item);
    }

    private static Reservation fromItem(UUID orderId, Map<String, AttributeValue> item) {
        return new Reservation(
                orderId,
                Reservation.Status.valueOf(item.get("status").s()),
                item.get("lines").l().stream()
                        .map(line -> line.m())
                        .map(line -> new ReservedLine(
                                line.get("sku").s(),
                                Integer.parseInt(line.get("quantity").n()),
                                line.containsKey("unitPrice")
                                        ? new BigDecimal(line.get("unitPrice").n())
                                                .setScale(2, RoundingMode.UNNECESSARY)
                                        : null))
                        .toList(),
                item.containsKey("currency") ? item.get("currency").s() : null,
                item.containsKey("reason") ? item.get("reason").s() : null,
                item.get("shortSkus").l().stream().map(AttributeValue::s).toList(),
                item.get("unknownSkus").l().stream().map(AttributeValue::s).toList());
    }
}
