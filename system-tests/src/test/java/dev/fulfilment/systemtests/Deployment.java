package dev.fulfilment.systemtests;

import dev.fulfilment.devstack.Service;
import dev.fulfilment.devstack.identity.LocalIssuer;
import dev.fulfilment.devstack.servers.LocalServers;
import java.time.Duration;

/**
 * The running system as the tests reach and disturb it, however it runs: started by dev-stack
 * as processes of this machine ({@link LocalDeployment}), or as docker-compose.yml's containers
 * ({@link ComposeDeployment}, {@code -Dsystem.under.test=compose}).
 */
interface Deployment extends AutoCloseable {

    /** Switches a server off and on again: the services lose it, then find it back. */
    interface ServerOutage {
        /** Every connection to the server closed, new ones refused. */
        void begin();

        /** The server back, answering. */
        void end();
    }

    String url(Service service);

    /** Health, metrics, the API description and Swagger UI of the service. */
    String managementUrl(Service service);

    String sqsEndpoint();

    String dynamoDbEndpoint();

    /** An access token the services accept. */
    String token(LocalIssuer.Caller caller, String subject);

    /** The shop; the back office is back-office.html beside it. */
    String webUrl();

    /** The Zipkin server every span goes to. */
    String zipkinUrl();

    /** Kills the service without warning (SIGKILL) and starts it again; returns once it is ready. */
    void crashAndRestart(Service service);

    /**
     * SIGTERM, as ECS sends on every deployment, then a start; returns how long it took to exit.
     *
     * @throws IllegalStateException when it had not exited within ECS's stopTimeout and was killed
     */
    Duration stopGracefullyAndRestart(Service service);

    /** Stops the service (SIGTERM) and leaves it stopped until {@link #startAgain}. */
    void stop(Service service);

    /** Starts a stopped service; returns once it is ready. */
    void startAgain(Service service);

    ServerOutage outage(LocalServers.Server server);

    /** Where the service's log is, for failure messages. */
    String logs(Service service);

    /** The memory mappings of the service's JVM (/proc/PID/maps). */
    String memoryMaps(Service service);

    /** The JDK AOT cache the service should run with. */
    String aotCache(Service service);

    @Override
    void close();
}
