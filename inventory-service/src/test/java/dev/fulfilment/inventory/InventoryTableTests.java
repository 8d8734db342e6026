package dev.fulfilment.inventory;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fulfilment.inventory.table.InventoryTable;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;

/** A local table of an older design, as an emulator keeps it across upgrades, is made again. */
@QuarkusTest
@TestProfile(InventoryTableTests.OwnTable.class)
class InventoryTableTests {

    public static class OwnTable implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("inventory.table.name", "inventory-of-an-older-version");
        }
    }

    @Inject
    DynamoDbClient dynamoDb;

    @Inject
    InventoryTable table;

    @Test
    void aTableWithTheKeysOfAnOlderVersionIsDroppedAndMadeAgain() {
        dynamoDb.deleteTable(request -> request.tableName(table.name()));
        dynamoDb.waiter().waitUntilTableNotExists(request -> request.tableName(table.name()));
        dynamoDb.createTable(request -> request.tableName(table.name())
                .billingMode("PAY_PER_REQUEST")
                .attributeDefinitions(
                        definition -> definition.attributeName("id").attributeType(ScalarAttributeType.S))
                .keySchema(KeySchemaElement.builder()
                        .attributeName("id")
                        .keyType(KeyType.HASH)
                        .build()));

        table.createIfMissing();

        var described = dynamoDb.describeTable(request -> request.tableName(table.name()))
                .table();
        assertThat(described.keySchema())
                .extracting(KeySchemaElement::attributeName)
                .containsExactly(InventoryTable.PARTITION_KEY, InventoryTable.SORT_KEY);
        assertThat(described.globalSecondaryIndexes())
                .extracting(index -> index.indexName())
                .containsExactly(InventoryTable.CATALOGUE_INDEX);
    }
}
