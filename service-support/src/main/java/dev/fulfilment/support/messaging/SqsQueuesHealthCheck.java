package dev.fulfilment.support.messaging;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * Ready only when every queue the service receives from or sends to exists and answers; the
 * data shows each queue's visible messages.
 */
@Readiness
@ApplicationScoped
public class SqsQueuesHealthCheck implements HealthCheck {

    private final SqsClient sqs;
    private final QueueUrls queueUrls;
    private final MessagingConfig config;

    SqsQueuesHealthCheck(SqsClient sqs, QueueUrls queueUrls, MessagingConfig config) {
        this.sqs = sqs;
        this.queueUrls = queueUrls;
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
                var attributes = sqs.getQueueAttributes(request -> request.queueUrl(queueUrls.of(queue))
                        .attributeNames(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES));
                response.withData(
                        queue,
                        "visible messages: "
                                + attributes.attributes().get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES));
            } catch (RuntimeException e) {
                missing.add(queue);
                response.withData(queue, "unreachable: " + e.getClass().getSimpleName());
            }
        }
        return response.status(missing.isEmpty()).build();
    }
}
