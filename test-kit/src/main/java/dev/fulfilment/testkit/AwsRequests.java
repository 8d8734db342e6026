package dev.fulfilment.testkit;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/** What a service asked AWS, as its own {@code aws.requests} counter has it (what AWS bills). */
public final class AwsRequests {

    private AwsRequests() {}

    /** Requests of the operation ({@code ReceiveMessage}, {@code SendMessageBatch}, ...) so far. */
    public static double of(MeterRegistry registry, String operation) {
        return registry.find("aws.requests").tag("operation", operation).counters().stream()
                .mapToDouble(Counter::count)
                .sum();
    }
}
