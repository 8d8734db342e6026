package dev.fulfilment.support.messaging;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import software.amazon.awssdk.awscore.AwsRequestOverrideConfiguration;
import software.amazon.awssdk.services.sqs.SqsClient;

/** Queue URLs by queue name, asked of SQS once: the same names work locally and in AWS. */
@ApplicationScoped
public class QueueUrls {

    private final SqsClient sqs;
    private final Map<String, String> urls = new ConcurrentHashMap<>();

    QueueUrls(SqsClient sqs) {
        this.sqs = sqs;
    }

    public String of(String queueName) {
        return of(queueName, override -> {});
    }

    /** As {@link #of(String)}, asking SQS (when not yet known) with this override. */
    public String of(String queueName, Consumer<AwsRequestOverrideConfiguration.Builder> override) {
        return urls.computeIfAbsent(
                queueName,
                name -> sqs.getQueueUrl(request -> request.queueName(name).overrideConfiguration(override))
                        .queueUrl());
    }
}
