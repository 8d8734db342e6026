package dev.fulfilment.inventory.table;

import dev.fulfilment.inventory.InventoryConfig;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.Map;
import java.util.UUID;
import org.jboss.logging.Logger;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;
import software.amazon.awssdk.services.dynamodb.model.ResourceInUseException;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;

/**
 * The single DynamoDB table of inventory-service (design in the service's README): a product,
 * its stock adjustments and the guards of their Idempotency-Keys share the product's partition
 * {@code PRODUCT#<sku>}; a reservation has its own, {@code RESERVATION#<orderId>}. The index
 * {@value #CATALOGUE_INDEX} lists the catalogue spread over {@value #CATALOGUE_SHARDS} partitions.
 * terraform/ declares the same table for AWS.
 */
@ApplicationScoped
public class InventoryTable {

    public static final String PARTITION_KEY = "pk";
    public static final String SORT_KEY = "sk";
    public static final String CATALOGUE_INDEX = "catalogue";
    public static final String CATALOGUE_SHARD = "catalogueShard";
    public static final String SKU = "sku";

    /**
     * Partitions the catalogue index spreads the products over. Changing it moves every product
     * to another shard: it is part of the table's design, like the key names.
     */
    public static final int CATALOGUE_SHARDS = 16;

    private static final Logger LOG = Logger.getLogger(InventoryTable.class);
    private static final String PRODUCT_SORT_KEY = "PRODUCT";
    private static final String RESERVATION_SORT_KEY = "RESERVATION";

    private final DynamoDbClient dynamoDb;
    private final InventoryConfig config;

    InventoryTable(DynamoDbClient dynamoDb, InventoryConfig config) {
        this.dynamoDb = dynamoDb;
        this.config = config;
    }

    public String name() {
        return config.table().name();
    }

    public static Map<String, AttributeValue> productKey(String sku) {
        return key("PRODUCT#" + sku, PRODUCT_SORT_KEY);
    }

    public static Map<String, AttributeValue> reservationKey(UUID orderId) {
        return key("RESERVATION#" + orderId, RESERVATION_SORT_KEY);
    }

    /** A stock adjustment, in its product's partition, ordered by time. */
    public static Map<String, AttributeValue> adjustmentKey(String sku, String adjustmentSortKey) {
        return key("PRODUCT#" + sku, adjustmentSortKey);
    }

    /** The sort keys of a product's adjustments all start with this. */
    public static String adjustmentSortKeyPrefix() {
        return "ADJUSTMENT#";
    }

    /** The guard of an adjustment's Idempotency-Key: it exists once per key and product. */
    public static Map<String, AttributeValue> adjustmentKeyGuard(String sku, String idempotencyKey) {
        return key("PRODUCT#" + sku, "ADJUSTMENT-KEY#" + idempotencyKey);
    }

    /** The catalogue shard of a sku: stable, because String.hashCode is specified. */
    public static int catalogueShard(String sku) {
        return Math.floorMod(sku.hashCode(), CATALOGUE_SHARDS);
    }

    private static Map<String, AttributeValue> key(String partition, String sort) {
        return Map.of(PARTITION_KEY, AttributeValue.fromS(partition), SORT_KEY, AttributeValue.fromS(sort));
    }

    /** Runs before the catalogue seeding and the message consumer, which both need the table. */
    void createIfAsked(@Observes @Priority(10) StartupEvent startup) {
        if (config.table().create()) {
            createIfMissing();
        }
    }

    /**
     * Creates the table when it is missing. A table of an older design (its keys are not pk and
     * sk), as a local emulator may keep from an earlier version of this service, is dropped and
     * made again: this runs only where the service owns its table (locally, in tests), never in
     * AWS, where Terraform owns it.
     */
    public void createIfMissing() {
        try {
            var existing =
                    dynamoDb.describeTable(request -> request.tableName(name())).table();
            var keys = existing.keySchema().stream()
                    .map(KeySchemaElement::attributeName)
                    .toList();
            var hasCatalogue = existing.hasGlobalSecondaryIndexes()
                    && existing.globalSecondaryIndexes().stream()
                            .anyMatch(index -> index.indexName().equals(CATALOGUE_INDEX));
            if (keys.equals(java.util.List.of(PARTITION_KEY, SORT_KEY)) && hasCatalogue) {
                return;
            }
            LOG.warnf(
                    "DynamoDB table %s has keys %s, not those of this version (%s, %s, index %s): dropping and "
                            + "creating it again, with its data (inventory.table.create is for local tables only)",
                    name(), keys, PARTITION_KEY, SORT_KEY, CATALOGUE_INDEX);
            dynamoDb.deleteTable(request -> request.tableName(name()));
            dynamoDb.waiter().waitUntilTableNotExists(request -> request.tableName(name()));
        } catch (ResourceNotFoundException missing) {
            LOG.infof("Creating DynamoDB table %s", name());
        }
        try {
            dynamoDb.createTable(request -> request.tableName(name())
                    .billingMode(BillingMode.PAY_PER_REQUEST)
                    .attributeDefinitions(
                            attribute(PARTITION_KEY, ScalarAttributeType.S),
                            attribute(SORT_KEY, ScalarAttributeType.S),
                            attribute(CATALOGUE_SHARD, ScalarAttributeType.N),
                            attribute(SKU, ScalarAttributeType.S))
                    .keySchema(keyElement(PARTITION_KEY, KeyType.HASH), keyElement(SORT_KEY, KeyType.RANGE))
                    .globalSecondaryIndexes(GlobalSecondaryIndex.builder()
                            .indexName(CATALOGUE_INDEX)
                            .keySchema(keyElement(CATALOGUE_SHARD, KeyType.HASH), keyElement(SKU, KeyType.RANGE))
                            // Keys only: stock changes never write to the index.
                            .projection(projection -> projection.projectionType(ProjectionType.KEYS_ONLY))
                            .build()));
            dynamoDb.waiter().waitUntilTableExists(request -> request.tableName(name()));
        } catch (ResourceInUseException createdByAnotherInstance) {
            // fine: it exists now
        }
    }

    private static AttributeDefinition attribute(String name, ScalarAttributeType type) {
        return AttributeDefinition.builder()
                .attributeName(name)
                .attributeType(type)
                .build();
    }

    private static KeySchemaElement keyElement(String name, KeyType type) {
        return KeySchemaElement.builder().attributeName(name).keyType(type).build();
    }
}
