package dev.fulfilment.order;

import dev.fulfilment.testkit.LocalServersTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;

/** Every test of this service runs against real PostgreSQL and ElasticMQ, started once. */
@QuarkusTestResource(
        value = LocalServersTestResource.class,
        initArgs = {
            @ResourceArg(name = "servers", value = "POSTGRES,SQS"),
            @ResourceArg(name = "database", value = "orders")
        })
public final class LocalServers {

    private LocalServers() {}
}
