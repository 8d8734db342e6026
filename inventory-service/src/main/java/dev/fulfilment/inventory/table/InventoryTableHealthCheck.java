package dev.fulfilment.inventory.table;

import dev.fulfilment.support.health.ReadinessTimeout;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.TableStatus;

/**
 * Ready only when the inventory table answers and is ACTIVE; a DynamoDB that does not answer is
 * a 503 within {@link ReadinessTimeout#PER_DEPENDENCY}, under the load balancer's timeout.
 */
@Readiness
@ApplicationScoped
public class InventoryTableHealthCheck implements HealthCheck {

    private final DynamoDbClient dynamoDb;
    private final InventoryTable table;

    InventoryTableHealthCheck(DynamoDbClient dynamoDb, InventoryTable table) {
        this.dynamoDb = dynamoDb;
        this.table = table;
    }

    @Override
    public HealthCheckResponse call() {
        var response = HealthCheckResponse.named("dynamodb-table").withData("table", table.name());
        try {
            var status = dynamoDb.describeTable(
                            request -> request.tableName(table.name()).overrideConfiguration(ReadinessTimeout::apply))
                    .table()
                    .tableStatus();
            return response.withData("status", status.toString())
                    .status(status == TableStatus.ACTIVE)
                    .build();
        } catch (RuntimeException e) {
            return response.withData("error", e.getClass().getSimpleName())
                    .down()
                    .build();
        }
    }
}
