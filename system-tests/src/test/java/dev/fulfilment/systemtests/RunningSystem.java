package dev.fulfilment.systemtests;

import dev.fulfilment.contracts.Destination;
import dev.fulfilment.devstack.DevStack;
import dev.fulfilment.devstack.Service;
import dev.fulfilment.devstack.identity.LocalIssuer;
import dev.fulfilment.devstack.process.FreePort;
import dev.fulfilment.devstack.servers.LocalServers;
import dev.fulfilment.devstack.web.WebSite;
import dev.fulfilment.testkit.FaultProxies;
import dev.fulfilment.testkit.FaultProxy;
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
 * The whole system, started once for all system tests through dev-stack (free ports, fresh
 * data) and stopped after the last one. Test classes get it as a parameter.
 */
public final class RunningSystem implements BeforeAllCallback, ParameterResolver, AutoCloseable {

    private final DevStack stack;
    private final FaultProxies faultProxies;
    private final int webPort;
    private WebSite web;
    private final SqsClient sqs;
    private final DynamoDbClient dynamoDb;

    private RunningSystem(DevStack stack, FaultProxies faultProxies, int webPort) {
        this.stack = stack;
        this.faultProxies = faultProxies;
        this.webPort = webPort;
        var credentials = StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local"));
        this.sqs = SqsClient.builder()
                .endpointOverride(URI.create(stack.servers().sqs().orElseThrow().endpoint()))
                .region(Region.US_EAST_1)
                .credentialsProvider(credentials)
                .httpClient(UrlConnectionHttpClient.create())
                .build();
        this.dynamoDb = DynamoDbClient.builder()
                .endpointOverride(
                        URI.create(stack.servers().dynamoDb().orElseThrow().endpoint()))
                .region(Region.US_EAST_1)
                .credentialsProvider(credentials)
                .httpClient(UrlConnectionHttpClient.create())
                .build();
    }

    /** For the extension mechanism only. */
    public RunningSystem() {
        this.stack = null;
        this.faultProxies = null;
        this.webPort = 0;
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
        var faultProxies = new FaultProxies();
        // The services let the web pages' origin call them (CORS) from the start; the pages
        // themselves are built and served only when a test asks for them.
        var webPort = FreePort.pick();
        var stack = DevStack.start(
                DevStack.Settings.disposable(projectRoot, projectRoot.resolve("system-tests/target/stack"))
                        .withRoute(faultProxies)
                        .observed()
                        .withWebOrigin(WebSite.origin(webPort)));
        return new RunningSystem(stack, faultProxies, webPort);
    }

    /** The shop and the back office served as ./dev-stack/start serves them, started on first use. */
    public synchronized WebSite web() {
        if (web == null) {
            var projectRoot = Path.of(System.getProperty("project.root", ".."))
                    .toAbsolutePath()
                    .normalize();
            web = WebSite.start(projectRoot, webPort, stack.apis(), stack.issuer());
        }
        return web;
    }

    public String url(Service service) {
        return stack.url(service);
    }

    /** Health, the API description and Swagger UI of the service. */
    public String managementUrl(Service service) {
        return stack.managementUrl(service);
    }

    /** The Zipkin server every span of the services goes to. */
    public String zipkinUrl() {
        return stack.observability().orElseThrow().zipkinUrl();
    }

    /** The issuer whose tokens the services accept. */
    public LocalIssuer issuer() {
        return stack.issuer();
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

    /** Cuts the services off the server (every connection closed, new ones refused) until restored. */
    public FaultProxy faultProxy(LocalServers.Server server) {
        return faultProxies.of(server);
    }

    /** SIGTERM, as ECS sends on every deployment; returns how long the service took to exit. */
    public java.time.Duration stopGracefullyAndRestart(Service service) {
        return stack.stopGracefullyAndRestart(service);
    }

    public void stop(Service service) {
        stack.stop(service);
    }

    public void startAgain(Service service) {
        stack.startAgain(service);
    }

    /** Kills the service (SIGKILL) and starts it again. */
    public void crashAndRestart(Service service) {
        stack.crashAndRestart(service);
    }

    public long pid(Service service) {
        return stack.pid(service);
    }

    public Path logFile(Service service) {
        return stack.logFile(service);
    }

    @Override
    public void close() {
        if (web != null) {
            web.close();
        }
        sqs.close();
        dynamoDb.close();
        stack.close();
        faultProxies.close();
    }
}
