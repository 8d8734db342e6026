package dev.fulfilment.support.messaging;

import dev.fulfilment.support.health.ReadinessTimeout;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;
import software.amazon.awssdk.awscore.exception.AwsServiceException;

/**
 * Ready only when every queue the service receives from or sends to exists and answers; the
 * data shows each queue's visible messages. It answers within the load balancer's timeout
 * whatever SQS does: each request waits at most {@link ReadinessTimeout#PER_DEPENDENCY}, and
 * once SQS has not answered, the other queues are not asked.
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
        var reachable = true;
        for (var queue : queues) {
            if (!reachable) {
                // SQS did not answer for the last queue: asking again for each would take the
                // check past the load balancer's timeout.
                missing.add(queue);
                response.withData(queue, "not asked: SQS did not answer");
                continue;
            }
            try {
                response.withData(queue, "visible messages: " + depths.waiting(queue, ReadinessTimeout::apply));
            } catch (AwsServiceException e) {
                // SQS answered: this queue is missing, or not this service's to read.
                missing.add(queue);
                response.withData(queue, "unavailable: " + e.getClass().getSimpleName());
            } catch (RuntimeException e) {
                missing.add(queue);
                reachable = false;
                response.withData(queue, "unreachable: " + e.getClass().getSimpleName());
            }
        }
        return response.status(missing.isEmpty()).build();
    }
}
