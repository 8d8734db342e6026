package dev.fulfilment.systemtests;

import dev.fulfilment.contracts.Destination;
import dev.fulfilment.devstack.Service;
import dev.fulfilment.devstack.identity.LocalIssuer;
import dev.fulfilment.devstack.servers.LocalServers;
import java.net.URI;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * The whole system, for all system tests: started once through dev-stack (free ports, fresh
 * data) and stopped after the last test, or, with {@code -Dsystem.under.test=compose},
 * docker-compose.yml's containers that are already running. Test classes get it as a
 * parameter.
 */
public final class RunningSystem implements BeforeAllCallback, ParameterResolver, AutoCloseable {

    private final Deployment deployment;
    private final SqsClient sqs;
    private final DynamoDbClient dynamoDb;

    private RunningSystem(Deployment deployment) {
        this.deployment = deployment;
        var credentials = StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local"));
        this.sqs = SqsClient.builder()
                .endpointOverride(URI.create(deployment.sqsEndpoint()))
                .region(Region.US_EAST_1)
                .credentialsProvider(credentials)
                .httpClient(UrlConnectionHttpClient.create())
                .build();
        this.dynamoDb = DynamoDbClient.builder()
                .endpointOverride(URI.create(deployment.dynamoDbEndpoint()))
                .region(Region.US_EAST_1)
                .credentialsProvider(credentials)
                .httpClient(UrlConnectionHttpClient.create())
                .build();
    }

    /** For the extension mechanism only. */
    public RunningSystem() {
        this.deployment = null;
        this.sqs = null;
        this.dynamoDb = null;
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        instance(context);
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == RunningSystem.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return instance(context);
    }

    private static RunningSystem instance(ExtensionContext context) {
        return context.getRoot()
                .getStore(ExtensionContext.Namespace.GLOBAL)
                .getOrComputeIfAbsent(RunningSystem.class, key -> start(), RunningSystem.class);
    }

    private static RunningSystem start() {
        var projectRoot = Path.of(System.getProperty("project.root", ".."))
                .toAbsolutePath()
                .normalize();
        var underTest = System.getProperty("system.under.test", "dev-stack");
        return new RunningSystem(
                switch (underTest) {
                    case "dev-stack" -> LocalDeployment.start(projectRoot);
                    case "compose" -> new ComposeDeployment(projectRoot);
                    default ->
                        throw new IllegalArgumentException(
                                "system.under.test is dev-stack or compose, not " + underTest);
                });
    }

    /** The shop; the back office is back-office.html beside it. */
    public String webUrl() {
        return deployment.webUrl();
    }

    public String url(Service service) {
        return deployment.url(service);
    }

    /** Health, the API description and Swagger UI of the service. */
    public String managementUrl(Service service) {
        return deployment.managementUrl(service);
    }

    /** The Zipkin server every span of the services goes to. */
    public String zipkinUrl() {
        return deployment.zipkinUrl();
    }

    /** An access token the services accept. */
    public String token(LocalIssuer.Caller caller, String subject) {
        return deployment.token(caller, subject);
    }

    public SqsClient sqs() {
        return sqs;
    }

    public String queueUrl(String queueName) {
        return sqs.getQueueUrl(request -> request.queueName(queueName)).queueUrl();
    }

    /** Visible and in-flight messages of every queue and dead-letter queue, for failure reports. */
    public Map<String, String> queueDepths() {
        var depths = new LinkedHashMap<String, String>();
        for (var queue : Destination.values()) {
            for (var name : new String[] {queue.queueName(), queue.deadLetterQueueName()}) {
                var attributes = sqs.getQueueAttributes(request -> request.queueUrl(queueUrl(name))
                                .attributeNames(
                                        QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES,
                                        QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE))
                        .attributes();
                depths.put(
                        name,
                        attributes.get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES) + " visible, "
                                + attributes.get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE)
                                + " in flight");
            }
        }
        return depths;
    }

    public int deadLetterCount() {
        var count = 0;
        for (var queue : Destination.values()) {
            var attributes = sqs.getQueueAttributes(request -> request.queueUrl(queueUrl(queue.deadLetterQueueName()))
                            .attributeNames(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES))
                    .attributes();
            count += Integer.parseInt(attributes.get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES));
        }
        return count;
    }

    /**
     * The units of the sku each order's reservation holds, read from inventory-service's table
     * as it stands: for failure reports that must say which order holds what.
     */
    public Map<String, Integer> unitsReservedByOrder(String sku) {
        var held = new java.util.TreeMap<String, Integer>();
        dynamoDb.scanPaginator(request -> request.tableName("inventory")
                        .filterExpression("begins_with(pk, :reservation) AND #status = :reserved")
                        .expressionAttributeNames(Map.of("#status", "status"))
                        .expressionAttributeValues(Map.of(
                                ":reservation",
                                software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromS("RESERVATION#"),
                                ":reserved",
                                software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromS("RESERVED"))))
                .items()
                .forEach(item -> item.get("lines").l().stream()
                        .map(line -> line.m())
                        .filter(line -> line.get("sku").s().equals(sku))
                        .forEach(line -> held.merge(
                                item.get("orderId").s(),
                                Integer.parseInt(line.get("quantity").n()),
                                Integer::sum)));
        return held;
    }

    /** Takes the server away from the services (every connection closed, new ones refused) until it ends. */
    public Deployment.ServerOutage outage(LocalServers.Server server) {
        return deployment.outage(server);
    }

    /** SIGTERM, as ECS sends on every deployment; returns how long the service took to exit. */
    public java.time.Duration stopGracefullyAndRestart(Service service) {
        return deployment.stopGracefullyAndRestart(service);
    }

    public void stop(Service service) {
        deployment.stop(service);
    }

    public void startAgain(Service service) {
        deployment.startAgain(service);
    }

    /** Kills the service (SIGKILL) and starts it again. */
    public void crashAndRestart(Service service) {
        deployment.crashAndRestart(service);
    }

    /** Where the service's log is, for failure messages. */
    public String logs(Service service) {
        return deployment.logs(service);
    }

    /** The memory mappings of the service's JVM. */
    public String memoryMaps(Service service) {
        return deployment.memoryMaps(service);
    }

    /** The JDK AOT cache the service should run with. */
    public String aotCache(Service service) {
        return deployment.aotCache(service);
    }

    @Override
    public void close() {
        sqs.close();
        dynamoDb.close();
        deployment.close();
    }
}
