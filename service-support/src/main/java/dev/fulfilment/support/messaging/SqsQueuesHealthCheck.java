package dev.fulfilment.support.messaging;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Ready only when every queue the service receives from or sends to exists and answers; the
 * data shows each queue's visible messages.
 */
@Readiness
@ApplicationScoped
public class SqsQueuesHealthCheck implements HealthCheck {

    private final QueueDepths depths;
    private final MessagingConfig config;

    SqsQueuesHealthCheck(QueueDepths depths, MessagingConfig config) {
        this.depths = depths;
        this.config = config;
    }

    @Override
    public HealthCheckResponse call() {
        var queues = new LinkedHashSet<String>();
        queues.add(config.consumedQueue());
        queues.add(config.deadLetterQueue());
        config.producerDestinations()
                .ifPresent(destinations -> destinations.forEach(
                        destination -> queues.add(config.queues().nameOf(destination))));
        var response = HealthCheckResponse.named("sqs-queues");
        var missing = new ArrayList<String>();
        for (var queue : queues) {
            try {
                response.withData(queue, "visible messages: " + depths.waiting(queue));
            } catch (RuntimeException e) {
                missing.add(queue);
                response.withData(queue, "unreachable: " + e.getClass().getSimpleName());
            }
        }
        return response.status(missing.isEmpty()).build();
    }
}
