package dev.fulfilment.testkit;

import dev.fulfilment.devstack.servers.LocalServers;
import java.net.URI;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sqs.SqsClient;

/** An SQS client of the tests' own for the local servers' ElasticMQ, outside the service. */
public final class LocalSqs {

    private LocalSqs() {}

    public static SqsClient client(LocalServers servers) {
        return SqsClient.builder()
                .endpointOverride(URI.create(servers.sqs().orElseThrow().endpoint()))
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
                .httpClientBuilder(ApacheHttpClient.builder())
                .build();
    }
}
