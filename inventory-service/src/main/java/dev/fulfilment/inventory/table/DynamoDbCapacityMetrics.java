package dev.fulfilment.inventory.table;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.SdkResponse;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemResponse;
import software.amazon.awssdk.services.dynamodb.model.ConsumedCapacity;
import software.amazon.awssdk.services.dynamodb.model.DeleteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.DeleteItemResponse;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.GetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.PutItemResponse;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.ReturnConsumedCapacity;
import software.amazon.awssdk.services.dynamodb.model.ScanRequest;
import software.amazon.awssdk.services.dynamodb.model.ScanResponse;
import software.amazon.awssdk.services.dynamodb.model.TransactGetItemsRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactGetItemsResponse;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsResponse;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemResponse;

/**
 * The capacity units each DynamoDB request consumed, read or write, by operation ({@code
 * dynamodb_capacity_units_total}): what an on-demand table bills. DynamoDB reports them only when
 * asked, so every request that can ask does ({@code ReturnConsumedCapacity=TOTAL}). A transaction
 * cancelled on a condition consumes capacity too but reports none: those units are not counted.
 * Registered on the client by {@code quarkus.dynamodb.interceptors}.
 */
@ApplicationScoped
public class DynamoDbCapacityMetrics implements ExecutionInterceptor {

    private final MeterRegistry registry;
    private final Map<String, Counter> capacity = new ConcurrentHashMap<>();

    DynamoDbCapacityMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    @Override
    public SdkRequest modifyRequest(Context.ModifyRequest context, ExecutionAttributes attributes) {
        return withConsumedCapacity(context.request());
    }

    @Override
    public void afterExecution(Context.AfterExecution context, ExecutionAttributes attributes) {
        var consumed = consumedCapacity(context.response());
        if (consumed.isEmpty()) {
            return;
        }
        var operation = attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME);
        var units = consumed.stream()
                .mapToDouble(each -> each.capacityUnits() == null ? 0 : each.capacityUnits())
                .sum();
        var kind = isRead(context.response()) ? "read" : "write";
        capacity.computeIfAbsent(
                        operation + "/" + kind,
                        key -> Counter.builder("dynamodb.capacity.units")
                                .description("Capacity units DynamoDB reported consumed, by operation and kind: what an"
                                        + " on-demand table bills")
                                .tags("operation", operation, "kind", kind)
                                .register(registry))
                .increment(units);
    }

    /** The request, asking DynamoDB to report what it consumed; any other request as it is. */
    static SdkRequest withConsumedCapacity(SdkRequest request) {
        var total = ReturnConsumedCapacity.TOTAL;
        return switch (request) {
            case GetItemRequest get ->
                get.toBuilder().returnConsumedCapacity(total).build();
            case PutItemRequest put ->
                put.toBuilder().returnConsumedCapacity(total).build();
            case UpdateItemRequest update ->
                update.toBuilder().returnConsumedCapacity(total).build();
            case DeleteItemRequest delete ->
                delete.toBuilder().returnConsumedCapacity(total).build();
            case QueryRequest query ->
                query.toBuilder().returnConsumedCapacity(total).build();
            case ScanRequest scan ->
                scan.toBuilder().returnConsumedCapacity(total).build();
            case BatchGetItemRequest batch ->
                batch.toBuilder().returnConsumedCapacity(total).build();
            case BatchWriteItemRequest batch ->
                batch.toBuilder().returnConsumedCapacity(total).build();
            case TransactGetItemsRequest transaction ->
                transaction.toBuilder().returnConsumedCapacity(total).build();
            case TransactWriteItemsRequest transaction ->
                transaction.toBuilder().returnConsumedCapacity(total).build();
            default -> request;
        };
    }

    private static List<ConsumedCapacity> consumedCapacity(SdkResponse response) {
        return switch (response) {
            case GetItemResponse get -> single(get.consumedCapacity());
            case PutItemResponse put -> single(put.consumedCapacity());
            case UpdateItemResponse update -> single(update.consumedCapacity());
            case DeleteItemResponse delete -> single(delete.consumedCapacity());
            case QueryResponse query -> single(query.consumedCapacity());
            case ScanResponse scan -> single(scan.consumedCapacity());
            case BatchGetItemResponse batch -> batch.consumedCapacity();
            case BatchWriteItemResponse batch -> batch.consumedCapacity();
            case TransactGetItemsResponse transaction -> transaction.consumedCapacity();
            case TransactWriteItemsResponse transaction -> transaction.consumedCapacity();
            default -> List.of();
        };
    }

    private static boolean isRead(SdkResponse response) {
        return response instanceof GetItemResponse
                || response instanceof QueryResponse
                || response instanceof ScanResponse
                || response instanceof BatchGetItemResponse
                || response instanceof TransactGetItemsResponse;
    }

    private static List<ConsumedCapacity> single(ConsumedCapacity consumed) {
        return consumed == null ? List.of() : List.of(consumed);
    }
}
