package dev.fulfilment.inventory.stock;

import dev.fulfilment.inventory.product.Product;
import dev.fulfilment.inventory.product.ProductNotFoundException;
import dev.fulfilment.inventory.product.ProductRepository;
import dev.fulfilment.inventory.table.InventoryTable;
import dev.fulfilment.support.idempotency.IdempotencyConfig;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.faulttolerance.Retry;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;
import software.amazon.awssdk.services.dynamodb.model.Update;

/**
 * Stock changes by operators, relative so that they never overwrite a reservation, each kept
 * as an item in the product's partition in the same transaction as the change. With an
 * Idempotency-Key, a guard item makes a retried request apply once.
 */
@ApplicationScoped
public class StockAdjustments {

    // Fixed width, so that sort keys sort by time.
    private static final DateTimeFormatter SORTABLE =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSS'Z'").withZone(ZoneOffset.UTC);

    private final DynamoDbClient dynamoDb;
    private final InventoryTable table;
    private final ProductRepository products;
    /** How long an adjustment's Idempotency-Key is remembered (DynamoDB's TTL deletes it after). */
    private final Duration keyRetention;

    StockAdjustments(
            DynamoDbClient dynamoDb, InventoryTable table, ProductRepository products, IdempotencyConfig idempotency) {
        this.dynamoDb = dynamoDb;
        this.table = table;
        this.products = products;
        this.keyRetention = idempotency.keyRetention();
    }

    /**
     * The adjustment and the product after it.
     *
     * @param replayed the adjustment was made before under the same Idempotency-Key
     */
    public record Applied(StockAdjustment adjustment, Product product, boolean replayed) {}

    /**
     * Adds (or removes) units. Removing more than are available is refused: reserved units
     * belong to orders.
     *
     * @param by the operator who makes it
     * @param idempotencyKey null, or the client's key: the same key and change apply once
     * @throws TransactionCanceledException when concurrent transactions on the product won five
     *     times in a row
     */
    @Retry(maxRetries = 4, delay = 5, jitter = 5, retryOn = TransactionCanceledException.class)
    public Applied adjust(String sku, int quantity, String reason, String by, String idempotencyKey) {
        var adjustment = new StockAdjustment(UUID.randomUUID(), sku, quantity, reason, by, Instant.now());
        try {
            dynamoDb.transactWriteItems(request -> request.transactItems(items(adjustment, idempotencyKey)));
            return new Applied(adjustment, products.find(sku).orElseThrow(), false);
        } catch (TransactionCanceledException e) {
            var reasons = e.cancellationReasons();
            if (idempotencyKey != null && failedCondition(reasons, 2)) {
                return replay(sku, quantity, reason, idempotencyKey);
            }
            if (failedCondition(reasons, 0)) {
                var product = products.find(sku).orElseThrow(() -> new ProductNotFoundException(sku));
                throw new NotEnoughStockException(sku, -quantity, product.available());
            }
            // Another transaction on the product at the same moment: @Retry starts again.
            throw e;
        }
    }

    private List<TransactWriteItem> items(StockAdjustment adjustment, String idempotencyKey) {
        var change = new HashMap<String, AttributeValue>(Map.of(
                ":quantity", AttributeValue.fromN(Integer.toString(adjustment.quantity())),
                ":one", AttributeValue.fromN("1"),
                ":now", AttributeValue.fromS(adjustment.at().toString())));
        var condition = "attribute_exists(pk)";
        if (adjustment.quantity() < 0) {
            condition += " AND available >= :removed";
            change.put(":removed", AttributeValue.fromN(Integer.toString(-adjustment.quantity())));
        }
        var items = new ArrayList<TransactWriteItem>();
        items.add(TransactWriteItem.builder()
                .update(Update.builder()
                        .tableName(table.name())
                        .key(InventoryTable.productKey(adjustment.sku()))
                        .updateExpression("SET available = available + :quantity, updatedAt = :now ADD version :one")
                        .conditionExpression(condition)
                        .expressionAttributeValues(change)
                        .build())
                .build());
        var sortKey = sortKey(adjustment);
        var record = new HashMap<>(InventoryTable.adjustmentKey(adjustment.sku(), sortKey));
        record.put("id", AttributeValue.fromS(adjustment.id().toString()));
        record.put("quantity", AttributeValue.fromN(Integer.toString(adjustment.quantity())));
        record.put("reason", AttributeValue.fromS(adjustment.reason()));
        record.put("by", AttributeValue.fromS(adjustment.by()));
        record.put("at", AttributeValue.fromS(adjustment.at().toString()));
        items.add(TransactWriteItem.builder()
                .put(Put.builder().tableName(table.name()).item(record).build())
                .build());
        if (idempotencyKey != null) {
            var guard = new HashMap<>(InventoryTable.adjustmentKeyGuard(adjustment.sku(), idempotencyKey));
            guard.put("adjustment", AttributeValue.fromS(sortKey));
            guard.put("quantity", AttributeValue.fromN(Integer.toString(adjustment.quantity())));
            guard.put("reason", AttributeValue.fromS(adjustment.reason()));
            guard.put(
                    "expiresAt",
                    AttributeValue.fromN(
                            Long.toString(adjustment.at().plus(keyRetention).getEpochSecond())));
            items.add(TransactWriteItem.builder()
                    .put(Put.builder()
                            .tableName(table.name())
                            .item(guard)
                            .conditionExpression("attribute_not_exists(pk)")
                            .build())
                    .build());
        }
        return items;
    }

    private Applied replay(String sku, int quantity, String reason, String idempotencyKey) {
        var guard = get(InventoryTable.adjustmentKeyGuard(sku, idempotencyKey));
        if (Integer.parseInt(guard.get("quantity").n()) != quantity
                || !guard.get("reason").s().equals(reason)) {
            throw new AdjustmentKeyReusedException(idempotencyKey);
        }
        var adjustment = fromItem(
                sku,
                get(InventoryTable.adjustmentKey(sku, guard.get("adjustment").s())));
        return new Applied(adjustment, products.find(sku).orElseThrow(), true);
    }

    /** A page of a product's adjustments, newest first. */
    public record Page(List<StockAdjustment> adjustments, String nextSortKey) {}

    /** @param afterSortKey where the previous page ended, or null for the newest */
    public Page history(String sku, int limit, String afterSortKey) {
        var key = InventoryTable.adjustmentKey(sku, InventoryTable.adjustmentSortKeyPrefix());
        var response = dynamoDb.query(request -> request.tableName(table.name())
                .keyConditionExpression("pk = :pk AND begins_with(sk, :prefix)")
                .expressionAttributeValues(Map.of(
                        ":pk", key.get(InventoryTable.PARTITION_KEY),
                        ":prefix", AttributeValue.fromS(InventoryTable.adjustmentSortKeyPrefix())))
                .scanIndexForward(false)
                .consistentRead(true)
                .limit(limit)
                .exclusiveStartKey(afterSortKey == null ? null : InventoryTable.adjustmentKey(sku, afterSortKey)));
        var adjustments =
                response.items().stream().map(item -> fromItem(sku, item)).toList();
        var more =
                response.hasLastEvaluatedKey() && !response.lastEvaluatedKey().isEmpty();
        return new Page(
                adjustments,
                more ? response.lastEvaluatedKey().get(InventoryTable.SORT_KEY).s() : null);
    }

    private Map<String, AttributeValue> get(Map<String, AttributeValue> key) {
        return dynamoDb.getItem(
                        request -> request.tableName(table.name()).key(key).consistentRead(true))
                .item();
    }

    private static String sortKey(StockAdjustment adjustment) {
        return InventoryTable.adjustmentSortKeyPrefix() + SORTABLE.format(adjustment.at()) + "#" + adjustment.id();
    }

    private static boolean failedCondition(List<CancellationReason> reasons, int item) {
        return reasons.size() > item
                && "ConditionalCheckFailed".equals(reasons.get(item).code());
    }

    private static StockAdjustment fromItem(String sku, Map<String, AttributeValue> item) {
        return new StockAdjustment(
                UUID.fromString(item.get("id").s()),
                sku,
                Integer.parseInt(item.get("quantity").n()),
                item.get("reason").s(),
                item.containsKey("by") ? item.get("by").s() : null,
                Instant.parse(item.get("at").s()));
    }
}
