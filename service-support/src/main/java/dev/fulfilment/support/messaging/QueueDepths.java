package dev.fulfilment.support.messaging;

import dev.fulfilment.contracts.Destination;
import jakarta.enterprise.context.ApplicationScoped;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * How many messages wait on a queue for its consumer: sent, or back after a failed try, and not
 * yet received. SQS's count is approximate; zero means the consumer has caught up.
 */
@ApplicationScoped
public class QueueDepths {

    private final SqsClient sqs;
    private final QueueUrls queueUrls;
    private final MessagingConfig config;

    QueueDepths(SqsClient sqs, QueueUrls queueUrls, MessagingConfig config) {
        this.sqs = sqs;
        this.queueUrls = queueUrls;
        this.config = config;
    }

    public long waiting(Destination destination) {
        return waiting(config.queues().nameOf(destination));
    }

    public long waiting(String queueName) {
        var count = sqs.getQueueAttributes(request -> request.queueUrl(queueUrls.of(queueName))
                        .attributeNames(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES))
                .attributes()
                .get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES);
        return Long.parseLong(count);
    }
}
