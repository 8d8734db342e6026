package dev.fulfilment.devstack.servers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.fulfilment.devstack.process.FreePort;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.ConditionCheck;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.IdempotentParameterMismatchException;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.ReturnConsumedCapacity;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;
import software.amazon.awssdk.services.dynamodb.model.ReturnValuesOnConditionCheckFailure;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;
import software.amazon.awssdk.services.dynamodb.model.Update;

/**
 * The DynamoDB emulator (dev-stack/dynamodb) as the services' SDK sees it: what dynalite does
 * passes through unchanged, and the transactions added in front of it are all or nothing,
 * whatever runs at the same time.
 */
class DynamoDbEmulatorTests {

    private static final String TABLE = "emulator-tests";

    @TempDir
    static Path workDirectory;

    private static DynamoDbEmulator emulator;
    private static DynamoDbClient dynamoDb;

    @BeforeAll
    static void startEmulatorWithATable() {
        emulator = DynamoDbEmulator.start(workDirectory, FreePort.pick(), false);
        dynamoDb = client(emulator);
        createTable(dynamoDb);
    }

    @AfterAll
    static void stopEmulator() {
        dynamoDb.close();
        emulator.close();
    }

    private String product;
    private String otherProduct;

    @BeforeEach
    void twoProductsOfTenUnits() {
        product = "PRODUCT#" + UUID.randomUUID();
        otherProduct = "PRODUCT#" + UUID.randomUUID();
        putStock(product, 10);
        putStock(otherProduct, 10);
    }

    @Test
    void aTransactionWhoseConditionsHoldCommitsEveryItem() {
        var reservation = "RESERVATION#" + UUID.randomUUID();

        dynamoDb.transactWriteItems(
                request -> request.transactItems(putIfAbsent(reservation), take(product, 3), take(otherProduct, 10)));

        assertThat(available(product)).isEqualTo(7);
        assertThat(available(otherProduct)).isZero();
        assertThat(exists(reservation)).isTrue();
    }

    @Test
    void aTransactionReportsTheCapacityItConsumedAsDynamoDbChargesIt() {
        var reservation = "RESERVATION#" + UUID.randomUUID();

        var written = dynamoDb.transactWriteItems(
                request -> request.transactItems(putIfAbsent(reservation), take(product, 1), take(otherProduct, 1))
                        .returnConsumedCapacity(ReturnConsumedCapacity.TOTAL));
        var read = dynamoDb.transactGetItems(request -> request.transactItems(
                        item -> item.get(get -> get.tableName(TABLE).key(key(product))))
                .returnConsumedCapacity(ReturnConsumedCapacity.TOTAL));
        var silent = dynamoDb.transactWriteItems(request -> request.transactItems(take(product, 1)));

        assertThat(written.consumedCapacity())
                .as("three small items, each written twice (prepare, commit)")
                .singleElement()
                .satisfies(consumed -> {
                    assertThat(consumed.tableName()).isEqualTo(TABLE);
                    assertThat(consumed.capacityUnits()).isEqualTo(6.0);
                });
        assertThat(read.consumedCapacity())
                .as("one small item read twice")
                .singleElement()
                .satisfies(consumed -> assertThat(consumed.capacityUnits()).isEqualTo(2.0));
        assertThat(silent.hasConsumedCapacity())
                .as("not asked for, not reported")
                .isFalse();
    }

    @Test
    void aFailedConditionCancelsTheWholeTransactionAndNamesTheItem() {
        var reservation = "RESERVATION#" + UUID.randomUUID();

        assertThatThrownBy(() -> dynamoDb.transactWriteItems(request ->
                        request.transactItems(putIfAbsent(reservation), take(product, 3), take(otherProduct, 11))))
                .isInstanceOfSatisfying(
                        TransactionCanceledException.class,
                        cancelled -> assertThat(cancelled.cancellationReasons())
                                .extracting(CancellationReason::code)
                                .containsExactly("None", "None", "ConditionalCheckFailed"));

        assertThat(available(product)).isEqualTo(10);
        assertThat(available(otherProduct)).isEqualTo(10);
        assertThat(exists(reservation)).isFalse();
    }

    @Test
    void everyFailedConditionIsReportedNotOnlyTheFirst() {
        assertThatThrownBy(() -> dynamoDb.transactWriteItems(
                        request -> request.transactItems(take(product, 11), take(otherProduct, 11))))
                .isInstanceOfSatisfying(
                        TransactionCanceledException.class,
                        cancelled -> assertThat(cancelled.cancellationReasons())
                                .extracting(CancellationReason::code)
                                .containsExactly("ConditionalCheckFailed", "ConditionalCheckFailed"));
    }

    @Test
    void aConditionCheckGatesTheTransactionWithoutChangingItsItem() {
        var passing = conditionCheck(product, "available >= :n", 10, false);
        var failing = conditionCheck(product, "available > :n", 10, true);

        dynamoDb.transactWriteItems(request -> request.transactItems(passing, take(otherProduct, 4)));
        assertThatThrownBy(() ->
                        dynamoDb.transactWriteItems(request -> request.transactItems(failing, take(otherProduct, 4))))
                .isInstanceOfSatisfying(TransactionCanceledException.class, cancelled -> {
                    var reason = cancelled.cancellationReasons().getFirst();
                    assertThat(reason.code()).isEqualTo("ConditionalCheckFailed");
                    assertThat(reason.item()).containsEntry("available", AttributeValue.fromN("10"));
                });

        assertThat(available(product)).isEqualTo(10);
        assertThat(available(otherProduct)).isEqualTo(6);
    }

    @Test
    void twoOperationsOnOneItemAreRefusedAsDynamoDbDoes() {
        assertThatThrownBy(() -> dynamoDb.transactWriteItems(
                        request -> request.transactItems(take(product, 1), take(product, 1))))
                .isInstanceOfSatisfying(DynamoDbException.class, refused -> {
                    assertThat(refused.awsErrorDetails().errorCode()).isEqualTo("ValidationException");
                    assertThat(refused.getMessage()).contains("multiple operations on one item");
                });

        assertThat(available(product)).isEqualTo(10);
    }

    @Test
    void fiftyConcurrentTransactionsNeverSellMoreThanTheStock() throws Exception {
        var attempts = new ArrayList<Callable<Boolean>>();
        for (int i = 0; i < 50; i++) {
            attempts.add(() -> {
                try {
                    dynamoDb.transactWriteItems(request ->
                            request.transactItems(putIfAbsent("RESERVATION#" + UUID.randomUUID()), take(product, 1)));
                    return true;
                } catch (TransactionCanceledException soldOut) {
                    return false;
                }
            });
        }

        List<Boolean> outcomes;
        try (var executor = Executors.newFixedThreadPool(50)) {
            outcomes = executor.invokeAll(attempts).stream()
                    .map(DynamoDbEmulatorTests::join)
                    .toList();
        }

        assertThat(outcomes.stream().filter(Boolean::booleanValue)).hasSize(10);
        assertThat(available(product)).isZero();
    }

    @Test
    void aRepeatedClientRequestTokenAppliesOnceAndMustCarryTheSameItems() {
        var token = UUID.randomUUID().toString();

        dynamoDb.transactWriteItems(request -> request.clientRequestToken(token).transactItems(take(product, 2)));
        dynamoDb.transactWriteItems(request -> request.clientRequestToken(token).transactItems(take(product, 2)));

        assertThat(available(product)).isEqualTo(8);
        assertThatThrownBy(() -> dynamoDb.transactWriteItems(
                        request -> request.clientRequestToken(token).transactItems(take(product, 3))))
                .isInstanceOf(IdempotentParameterMismatchException.class);
    }

    @Test
    void transactGetItemsReadsEveryItemAndNothingForAMissingOne() {
        var response = dynamoDb.transactGetItems(request -> request.transactItems(
                item -> item.get(get -> get.tableName(TABLE).key(key(product))),
                item -> item.get(get -> get.tableName(TABLE).key(key("PRODUCT#missing")))));

        assertThat(response.responses().get(0).item()).containsEntry("available", AttributeValue.fromN("10"));
        assertThat(response.responses().get(1).hasItem()).isFalse();
    }

    @Test
    void singleItemOperationsPassThroughToDynaliteUnchanged() {
        var old = dynamoDb.updateItem(request -> request.tableName(TABLE)
                .key(key(product))
                .updateExpression("SET available = available - :n")
                .expressionAttributeValues(Map.of(":n", AttributeValue.fromN("4")))
                .returnValues(ReturnValue.UPDATED_OLD));
        assertThat(old.attributes()).containsEntry("available", AttributeValue.fromN("10"));

        assertThatThrownBy(() -> dynamoDb.deleteItem(request -> request.tableName(TABLE)
                        .key(key(product))
                        .conditionExpression("available > :n")
                        .expressionAttributeValues(Map.of(":n", AttributeValue.fromN("100")))))
                .isInstanceOf(ConditionalCheckFailedException.class);

        var byType = dynamoDb.query(request -> request.tableName(TABLE)
                .indexName("by-type")
                .keyConditionExpression("itemType = :type AND pk = :pk")
                .expressionAttributeValues(
                        Map.of(":type", AttributeValue.fromS("PRODUCT"), ":pk", AttributeValue.fromS(product))));
        assertThat(byType.items())
                .singleElement()
                .satisfies(item -> assertThat(item).containsEntry("available", AttributeValue.fromN("6")));
    }

    @Test
    void tablesAndItemsSurviveARestartWhenKept(@TempDir Path keptDirectory) {
        var port = FreePort.pick();
        var first = DynamoDbEmulator.start(keptDirectory, port, true);
        try (var client = client(first)) {
            createTable(client);
            client.putItem(request -> request.tableName(TABLE).item(stockItem("PRODUCT#KEPT", 7)));
        } finally {
            first.close();
        }
        assertThat(Files.exists(first.snapshotFile())).isTrue();

        var second = DynamoDbEmulator.start(keptDirectory, port, true);
        try (var client = client(second)) {
            var item = client.getItem(request -> request.tableName(TABLE).key(key("PRODUCT#KEPT")))
                    .item();
            assertThat(item).containsEntry("available", AttributeValue.fromN("7"));
        } finally {
            second.close();
        }
    }

    private static DynamoDbClient client(DynamoDbEmulator emulator) {
        return DynamoDbClient.builder()
                .endpointOverride(URI.create(emulator.endpoint()))
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
                .httpClient(UrlConnectionHttpClient.create())
                .build();
    }

    private static void createTable(DynamoDbClient client) {
        client.createTable(request -> request.tableName(TABLE)
                .billingMode(BillingMode.PAY_PER_REQUEST)
                .attributeDefinitions(
                        AttributeDefinition.builder()
                                .attributeName("pk")
                                .attributeType(ScalarAttributeType.S)
                                .build(),
                        AttributeDefinition.builder()
                                .attributeName("itemType")
                                .attributeType(ScalarAttributeType.S)
                                .build())
                .keySchema(KeySchemaElement.builder()
                        .attributeName("pk")
                        .keyType(KeyType.HASH)
                        .build())
                .globalSecondaryIndexes(GlobalSecondaryIndex.builder()
                        .indexName("by-type")
                        .keySchema(
                                KeySchemaElement.builder()
                                        .attributeName("itemType")
                                        .keyType(KeyType.HASH)
                                        .build(),
                                KeySchemaElement.builder()
                                        .attributeName("pk")
                                        .keyType(KeyType.RANGE)
                                        .build())
                        .projection(projection -> projection.projectionType(ProjectionType.ALL))
                        .build()));
        client.waiter().waitUntilTableExists(request -> request.tableName(TABLE));
    }

    private static Map<String, AttributeValue> key(String pk) {
        return Map.of("pk", AttributeValue.fromS(pk));
    }

    private static Map<String, AttributeValue> stockItem(String pk, int available) {
        return Map.of(
                "pk", AttributeValue.fromS(pk),
                "itemType", AttributeValue.fromS("PRODUCT"),
                "available", AttributeValue.fromN(Integer.toString(available)));
    }

    private void putStock(String pk, int available) {
        dynamoDb.putItem(request -> request.tableName(TABLE).item(stockItem(pk, available)));
    }

    private long available(String pk) {
        return Long.parseLong(dynamoDb.getItem(
                        request -> request.tableName(TABLE).key(key(pk)).consistentRead(true))
                .item()
                .get("available")
                .n());
    }

    private boolean exists(String pk) {
        return dynamoDb.getItem(request -> request.tableName(TABLE).key(key(pk)).consistentRead(true))
                .hasItem();
    }

    private static TransactWriteItem take(String pk, int units) {
        return TransactWriteItem.builder()
                .update(Update.builder()
                        .tableName(TABLE)
                        .key(key(pk))
                        .updateExpression("SET available = available - :n")
                        .conditionExpression("available >= :n")
                        .expressionAttributeValues(Map.of(":n", AttributeValue.fromN(Integer.toString(units))))
                        .build())
                .build();
    }

    private static TransactWriteItem putIfAbsent(String pk) {
        return TransactWriteItem.builder()
                .put(Put.builder()
                        .tableName(TABLE)
                        .item(key(pk))
                        .conditionExpression("attribute_not_exists(pk)")
                        .build())
                .build();
    }

    private static TransactWriteItem conditionCheck(String pk, String condition, int n, boolean returnItem) {
        return TransactWriteItem.builder()
                .conditionCheck(ConditionCheck.builder()
                        .tableName(TABLE)
                        .key(key(pk))
                        .conditionExpression(condition)
                        .expressionAttributeValues(Map.of(":n", AttributeValue.fromN(Integer.toString(n))))
                        .returnValuesOnConditionCheckFailure(
                                returnItem
                                        ? ReturnValuesOnConditionCheckFailure.ALL_OLD
                                        : ReturnValuesOnConditionCheckFailure.NONE)
                        .build())
                .build();
    }

    private static <T> T join(java.util.concurrent.Future<T> future) {
        try {
            return future.get();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
