package dev.fulfilment.support.messaging;

import dev.fulfilment.contracts.Destination;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.function.Consumer;
import software.amazon.awssdk.awscore.AwsRequestOverrideConfiguration;
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
        return waiting(queueName, override -> {});
    }

    /**
     * As {@link #waiting(String)}, each request to SQS (the queue's URL, its attributes) with
     * this override, such as a timeout.
     */
    public long waiting(String queueName, Consumer<AwsRequestOverrideConfiguration.Builder> override) {
        var count = sqs.getQueueAttributes(request -> request.queueUrl(queueUrls.of(queueName, override))
                        .attributeNames(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES)
                        .overrideConfiguration(override))
                .attributes()
                .get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES);
        return Long.parseLong(count);
    }
}
