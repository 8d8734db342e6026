package dev.fulfilment.support.aws;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;

/**
 * What the service asks of AWS, as the bill counts it: every request sent, each try, by
 * service and operation ({@code aws_requests_total}). SQS bills by those requests; the
 * benchmark divides them by the orders of a run. Registered on the clients by {@code
 * quarkus.sqs.interceptors} (and {@code quarkus.dynamodb.interceptors} in inventory-service).
 */
@ApplicationScoped
public class AwsRequestMetrics implements ExecutionInterceptor {

    private final MeterRegistry registry;
    private final Map<String, Counter> requests = new ConcurrentHashMap<>();

    AwsRequestMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    @Override
    public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attributes) {
        var service = attributes.getAttribute(SdkExecutionAttribute.SERVICE_NAME);
        var operation = attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME);
        requests.computeIfAbsent(
                        service + "/" + operation,
                        key -> Counter.builder("aws.requests")
                                .description("Requests sent to AWS (each try), by service and operation")
                                .tags("service", service, "operation", operation)
                                .register(registry))
                .increment();
    }
}
