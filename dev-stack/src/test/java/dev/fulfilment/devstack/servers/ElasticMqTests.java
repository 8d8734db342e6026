package dev.fulfilment.devstack.servers;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fulfilment.contracts.Destination;
import org.junit.jupiter.api.Test;

class ElasticMqTests {

    @Test
    void everyQueueGetsADeadLetterQueueAfterFiveReceives() {
        var configuration = ElasticMq.configuration(9999);

        for (var queue : Destination.values()) {
            assertThat(configuration)
                    .contains("\"" + queue.queueName() + "\" {")
                    .contains("\"" + queue.deadLetterQueueName() + "\" { }")
                    .contains(
                            "deadLettersQueue { name = \"" + queue.deadLetterQueueName() + "\", maxReceiveCount = 5 }");
        }
        assertThat(configuration).contains("bind-port = 9999").contains("port = 9999");
    }

    @Test
    void theComposeConfigurationDeclaresTheSameQueuesAndRedrive() throws Exception {
        var compose = java.nio.file.Files.readString(java.nio.file.Path.of("compose/elasticmq.conf"));

        for (var queue : Destination.values()) {
            assertThat(compose)
                    .contains("\"" + queue.queueName() + "\" {")
                    .contains("\"" + queue.deadLetterQueueName() + "\" { }")
                    .contains("deadLettersQueue { name = \"" + queue.deadLetterQueueName() + "\", maxReceiveCount = "
                            + ElasticMq.MAX_RECEIVE_COUNT + " }")
                    .contains("defaultVisibilityTimeout = " + ElasticMq.VISIBILITY_TIMEOUT_SECONDS + " seconds");
        }
    }

    @Test
    void configurationNamesEnvironmentVariablesTheQuarkusWay() {
        var environment = LocalServers.asEnvironment(
                java.util.Map.of("quarkus.datasource.jdbc.url", "x", "messaging.consumer.wait-time-seconds", "2"));

        assertThat(environment)
                .containsEntry("QUARKUS_DATASOURCE_JDBC_URL", "x")
                .containsEntry("MESSAGING_CONSUMER_WAIT_TIME_SECONDS", "2");
    }
}
