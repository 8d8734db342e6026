package dev.fulfilment.inventory.product;

import static dev.fulfilment.inventory.table.InventoryTable.ITEM_TYPE;
import static dev.fulfilment.inventory.table.InventoryTable.PRODUCTS_INDEX;
import static dev.fulfilment.inventory.table.InventoryTable.PRODUCT_ITEM_TYPE;

import dev.fulfilment.inventory.table.InventoryTable;
import jakarta.enterprise.context.ApplicationScoped;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;

/** Products in the inventory table. */
@ApplicationScoped
public class ProductRepository {

    private final DynamoDbClient dynamoDb;
    private final InventoryTable table;

    ProductRepository(DynamoDbClient dynamoDb, InventoryTable table) {
        this.dynamoDb = dynamoDb;
        this.table = table;
    }

    /** Every product, ordered by sku. */
    public List<Product> findAll() {
        var products = new ArrayList<Product>();
        dynamoDb.queryPaginator(request -> request.tableName(table.name())
                        .indexName(PRODUCTS_INDEX)
                        .keyConditionExpression("#type = :product")
                        .expressionAttributeNames(Map.of("#type", ITEM_TYPE))
                        .expressionAttributeValues(Map.of(":product", AttributeValue.fromS(PRODUCT_ITEM_TYPE))))
                .items()
                .forEach(item -> products.add(fromItem(item)));
        return products;
    }

    public Optional<Product> find(String sku) {
        var item = dynamoDb.getItem(request -> request.tableName(table.name())
                        .key(InventoryTable.productKey(sku))
                        .consistentRead(true))
                .item();
        return item == null || item.isEmpty() ? Optional.empty() : Optional.of(fromItem(item));
    }

    /**
     * Creates the product, or updates its name, price and available stock; what orders hold
     * reserved is left as it is.
     *
     * @return whether the product is new
     */
    public boolean save(String sku, String name, BigDecimal unitPrice, long available) {
        var previous = dynamoDb.updateItem(request -> request.tableName(table.name())
                        .key(InventoryTable.productKey(sku))
                        .updateExpression("SET #type = :product, sku = :sku, #name = :name, unitPrice = :price, "
                                + "available = :available, reserved = if_not_exists(reserved, :zero), updatedAt = :now")
                        .expressionAttributeNames(Map.of("#type", ITEM_TYPE, "#name", "name"))
                        .expressionAttributeValues(Map.of(
                                ":product", AttributeValue.fromS(PRODUCT_ITEM_TYPE),
                                ":sku", AttributeValue.fromS(sku),
                                ":name", AttributeValue.fromS(name),
                                ":price", AttributeValue.fromN(unitPrice.toPlainString()),
                                ":available", AttributeValue.fromN(Long.toString(available)),
                                ":zero", AttributeValue.fromN("0"),
                                ":now", AttributeValue.fromS(Instant.now().toString())))
                        .returnValues(ReturnValue.ALL_OLD))
                .attributes();
        return previous == null || previous.isEmpty();
    }

    /** Adds the product unless it exists: seeding never resets stock. */
    public void addIfMissing(Product product) {
        try {
            dynamoDb.putItem(request -> request.tableName(table.name())
                    .item(Map.of(
                            InventoryTable.PARTITION_KEY,
                            InventoryTable.productKey(product.sku()).get(InventoryTable.PARTITION_KEY),
                            ITEM_TYPE,
                            AttributeValue.fromS(PRODUCT_ITEM_TYPE),
                            "sku",
                            AttributeValue.fromS(product.sku()),
                            "name",
                            AttributeValue.fromS(product.name()),
                            "unitPrice",
                            AttributeValue.fromN(product.unitPrice().toPlainString()),
                            "available",
                            AttributeValue.fromN(Long.toString(product.available())),
                            "reserved",
                            AttributeValue.fromN(Long.toString(product.reserved())),
                            "updatedAt",
                            AttributeValue.fromS(Instant.now().toString())))
                    .conditionExpression("attribute_not_exists(pk)"));
        } catch (ConditionalCheckFailedException exists) {
            // keep the stock it has
        }
    }

    static Product fromItem(Map<String, AttributeValue> item) {
        return new Product(
                item.get("sku").s(),
                item.get("name").s(),
                // DynamoDB keeps numbers without trailing zeros: 21.00 comes back as 21.
                new BigDecimal(item.get("unitPrice").n()).setScale(2),
                Long.parseLong(item.get("available").n()),
                Long.parseLong(item.get("reserved").n()));
    }
}
