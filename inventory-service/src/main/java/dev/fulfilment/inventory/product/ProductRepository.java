package dev.fulfilment.inventory.product;

import static dev.fulfilment.inventory.table.InventoryTable.CATALOGUE_INDEX;
import static dev.fulfilment.inventory.table.InventoryTable.CATALOGUE_SHARD;
import static dev.fulfilment.inventory.table.InventoryTable.CATALOGUE_SHARDS;
import static dev.fulfilment.inventory.table.InventoryTable.SKU;

import dev.fulfilment.inventory.table.InventoryTable;
import jakarta.enterprise.context.ApplicationScoped;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;

/** Products in the inventory table: one item each, their stock in it. */
@ApplicationScoped
public class ProductRepository {

    /** BatchGetItem reads at most this many items per call. */
    static final int MAX_BATCH_READ = 100;

    private final DynamoDbClient dynamoDb;
    private final InventoryTable table;

    ProductRepository(DynamoDbClient dynamoDb, InventoryTable table) {
        this.dynamoDb = dynamoDb;
        this.table = table;
    }

    public Optional<Product> find(String sku) {
        var item = dynamoDb.getItem(request -> request.tableName(table.name())
                        .key(InventoryTable.productKey(sku))
                        .consistentRead(true))
                .item();
        return item == null || item.isEmpty() ? Optional.empty() : Optional.of(fromItem(item));
    }

    /** The products of these skus that exist, by sku, read consistently. */
    public Map<String, Product> findAll(Collection<String> skus) {
        var found = new HashMap<String, Product>();
        var keys = skus.stream().distinct().map(InventoryTable::productKey).toList();
        for (int from = 0; from < keys.size(); from += MAX_BATCH_READ) {
            var batch = keys.subList(from, Math.min(from + MAX_BATCH_READ, keys.size()));
            Map<String, KeysAndAttributes> unread = Map.of(
                    table.name(),
                    KeysAndAttributes.builder().keys(batch).consistentRead(true).build());
            while (!unread.isEmpty()) {
                var pending = unread;
                var response = dynamoDb.batchGetItem(request -> request.requestItems(pending));
                response.responses().getOrDefault(table.name(), List.of()).forEach(item -> {
                    var product = fromItem(item);
                    found.put(product.sku(), product);
                });
                unread = response.unprocessedKeys();
            }
        }
        return found;
    }

    /** A page of the catalogue: shard by shard, each in sku order. */
    public record Page(List<Product> products, CatalogueCursor next) {}

    /** Where a page of the catalogue ended. */
    public record CatalogueCursor(int shard, String lastSku) {}

    /**
     * Up to {@code limit} products after the cursor. The index holds keys only, so that stock
     * changes never write to it; the page's products are then read whole, consistently. A
     * product created a moment ago may be missing from the index for a moment.
     */
    public Page page(int limit, CatalogueCursor after) {
        var skus = new ArrayList<String>();
        var shard = after == null ? 0 : after.shard();
        var startKey = after == null ? null : indexKey(after.lastSku());
        while (shard < CATALOGUE_SHARDS && skus.size() < limit) {
            var response = queryShard(shard, startKey, limit - skus.size());
            response.items().forEach(item -> skus.add(item.get(SKU).s()));
            if (response.hasLastEvaluatedKey() && !response.lastEvaluatedKey().isEmpty()) {
                startKey = response.lastEvaluatedKey();
            } else {
                shard++;
                startKey = null;
            }
        }
        var next =
                shard < CATALOGUE_SHARDS ? new CatalogueCursor(shard, startKey == null ? null : skus.getLast()) : null;
        var bySku = findAll(skus);
        var products = skus.stream().map(bySku::get).filter(Objects::nonNull).toList();
        return new Page(products, next);
    }

    private QueryResponse queryShard(int shard, Map<String, AttributeValue> startKey, int limit) {
        return dynamoDb.query(request -> request.tableName(table.name())
                .indexName(CATALOGUE_INDEX)
                .keyConditionExpression("#shard = :shard")
                .expressionAttributeNames(Map.of("#shard", CATALOGUE_SHARD))
                .expressionAttributeValues(Map.of(":shard", AttributeValue.fromN(Integer.toString(shard))))
                .exclusiveStartKey(startKey)
                .limit(limit));
    }

    private static Map<String, AttributeValue> indexKey(String sku) {
        if (sku == null) {
            return null;
        }
        var key = new HashMap<>(InventoryTable.productKey(sku));
        key.put(CATALOGUE_SHARD, AttributeValue.fromN(Integer.toString(InventoryTable.catalogueShard(sku))));
        key.put(SKU, AttributeValue.fromS(sku));
        return key;
    }

    /** @return the new product, or empty when one with this sku exists */
    public Optional<Product> create(String sku, String name, BigDecimal unitPrice, long available) {
        var product = new Product(sku, name, unitPrice, available, 0, 1);
        try {
            dynamoDb.putItem(request -> request.tableName(table.name())
                    .item(toItem(product))
                    .conditionExpression("attribute_not_exists(pk)"));
            return Optional.of(product);
        } catch (ConditionalCheckFailedException exists) {
            return Optional.empty();
        }
    }

    /** Sets name and price; the stock is left to reservations and adjustments. Empty when missing. */
    public Optional<Product> describe(String sku, String name, BigDecimal unitPrice, Long expectedVersion) {
        var values = new HashMap<String, AttributeValue>(Map.of(
                ":name", AttributeValue.fromS(name),
                ":price", AttributeValue.fromN(unitPrice.toPlainString()),
                ":one", AttributeValue.fromN("1"),
                ":now", AttributeValue.fromS(Instant.now().toString())));
        return update(
                sku,
                "SET #name = :name, unitPrice = :price, updatedAt = :now ADD version :one",
                values,
                expectedVersion);
    }

    /**
     * Sets name, price and an absolute available count, only over the version the caller read:
     * an absolute count written over a reservation it did not see would sell stock twice.
     */
    public Optional<Product> replace(
            String sku, String name, BigDecimal unitPrice, long available, long expectedVersion) {
        var values = new HashMap<String, AttributeValue>(Map.of(
                ":name", AttributeValue.fromS(name),
                ":price", AttributeValue.fromN(unitPrice.toPlainString()),
                ":available", AttributeValue.fromN(Long.toString(available)),
                ":one", AttributeValue.fromN("1"),
                ":now", AttributeValue.fromS(Instant.now().toString())));
        return update(
                sku,
                "SET #name = :name, unitPrice = :price, available = :available, updatedAt = :now ADD version :one",
                values,
                expectedVersion);
    }

    private Optional<Product> update(
            String sku, String expression, Map<String, AttributeValue> values, Long expectedVersion) {
        var condition = "attribute_exists(pk)";
        if (expectedVersion != null) {
            condition += " AND version = :expected";
            values.put(":expected", AttributeValue.fromN(Long.toString(expectedVersion)));
        }
        var finalCondition = condition;
        try {
            var attributes = dynamoDb.updateItem(request -> request.tableName(table.name())
                            .key(InventoryTable.productKey(sku))
                            .updateExpression(expression)
                            .conditionExpression(finalCondition)
                            .expressionAttributeNames(Map.of("#name", "name"))
                            .expressionAttributeValues(values)
                            .returnValues(ReturnValue.ALL_NEW))
                    .attributes();
            return Optional.of(fromItem(attributes));
        } catch (ConditionalCheckFailedException e) {
            var current = find(sku);
            if (current.isEmpty()) {
                return Optional.empty();
            }
            throw new ProductChangedException(
                    sku, expectedVersion, current.get().version());
        }
    }

    /** Adds the product unless it exists: seeding never resets stock. */
    public void addIfMissing(Product product) {
        try {
            dynamoDb.putItem(request -> request.tableName(table.name())
                    .item(toItem(product))
                    .conditionExpression("attribute_not_exists(pk)"));
        } catch (ConditionalCheckFailedException exists) {
            // keep the stock it has
        }
    }

    private static Map<String, AttributeValue> toItem(Product product) {
        var item = new LinkedHashMap<>(InventoryTable.productKey(product.sku()));
        item.put(SKU, AttributeValue.fromS(product.sku()));
        item.put(CATALOGUE_SHARD, AttributeValue.fromN(Integer.toString(InventoryTable.catalogueShard(product.sku()))));
        item.put("name", AttributeValue.fromS(product.name()));
        item.put("unitPrice", AttributeValue.fromN(product.unitPrice().toPlainString()));
        item.put("available", AttributeValue.fromN(Long.toString(product.available())));
        item.put("reserved", AttributeValue.fromN(Long.toString(product.reserved())));
        item.put("version", AttributeValue.fromN(Long.toString(product.version())));
        item.put("updatedAt", AttributeValue.fromS(Instant.now().toString()));
        return item;
    }

    public static Product fromItem(Map<String, AttributeValue> item) {
        return new Product(
                item.get(SKU).s(),
                item.get("name").s(),
                // DynamoDB keeps numbers without trailing zeros: 21.00 comes back as 21.
                new BigDecimal(item.get("unitPrice").n()).setScale(2, RoundingMode.UNNECESSARY),
                Long.parseLong(item.get("available").n()),
                Long.parseLong(item.get("reserved").n()),
                Long.parseLong(item.get("version").n()));
    }
}
