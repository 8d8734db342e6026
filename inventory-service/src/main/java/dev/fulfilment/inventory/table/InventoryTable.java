package dev.fulfilment.inventory.table;

import dev.fulfilment.inventory.InventoryConfig;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.Map;
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
 * The single DynamoDB table of inventory-service (design in the service's README): products
 * under {@code PRODUCT#<sku>} and reservations under {@code RESERVATION#<orderId>}, one
 * partition key {@code pk}; the sparse index {@value #PRODUCTS_INDEX} lists the products.
 * terraform/ declares the same table for AWS.
 */
@ApplicationScoped
public class InventoryTable {

    public static final String PARTITION_KEY = "pk";
    public static final String ITEM_TYPE = "itemType";
    public static final String PRODUCTS_INDEX = "products-by-type";
    public static final String PRODUCT_ITEM_TYPE = "PRODUCT";

    private static final Logger LOG = Logger.getLogger(InventoryTable.class);

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
        return Map.of(PARTITION_KEY, AttributeValue.fromS("PRODUCT#" + sku));
    }

    public static Map<String, AttributeValue> reservationKey(java.util.UUID orderId) {
        return Map.of(PARTITION_KEY, AttributeValue.fromS("RESERVATION#" + orderId));
    }

    /** Runs before the catalogue seeding and the message consumer, which both need the table. */
    void createIfAsked(@Observes @Priority(10) StartupEvent startup) {
        if (config.table().create()) {
            createIfMissing();
        }
    }

    void createIfMissing() {
        try {
            dynamoDb.describeTable(request -> request.tableName(name()));
            return;
        } catch (ResourceNotFoundException missing) {
            LOG.infof("Creating DynamoDB table %s", name());
        }
        try {
            dynamoDb.createTable(request -> request.tableName(name())
                    .billingMode(BillingMode.PAY_PER_REQUEST)
                    .attributeDefinitions(
                            AttributeDefinition.builder()
                                    .attributeName(PARTITION_KEY)
                                    .attributeType(ScalarAttributeType.S)
                                    .build(),
                            AttributeDefinition.builder()
                                    .attributeName(ITEM_TYPE)
                                    .attributeType(ScalarAttributeType.S)
                                    .build())
                    .keySchema(KeySchemaElement.builder()
                            .attributeName(PARTITION_KEY)
                            .keyType(KeyType.HASH)
                            .build())
                    .globalSecondaryIndexes(GlobalSecondaryIndex.builder()
                            .indexName(PRODUCTS_INDEX)
                            .keySchema(
                                    KeySchemaElement.builder()
                                            .attributeName(ITEM_TYPE)
                                            .keyType(KeyType.HASH)
                                            .build(),
                                    KeySchemaElement.builder()
                                            .attributeName(PARTITION_KEY)
                                            .keyType(KeyType.RANGE)
                                            .build())
                            .projection(projection -> projection.projectionType(ProjectionType.ALL))
                            .build()));
            dynamoDb.waiter().waitUntilTableExists(request -> request.tableName(name()));
        } catch (ResourceInUseException createdByAnotherInstance) {
            // fine: it exists now
        }
    }
}
