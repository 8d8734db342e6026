package dev.fulfilment.outbox;

import dev.fulfilment.testkit.LocalServersTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;

/** The outbox's tests run against real PostgreSQL and ElasticMQ, started once. */
@QuarkusTestResource(
        value = LocalServersTestResource.class,
        initArgs = {
            @ResourceArg(name = "servers", value = "POSTGRES,SQS"),
            @ResourceArg(name = "database", value = "outbox_tests")
        })
public final class LocalServers {

    private LocalServers() {}
}
