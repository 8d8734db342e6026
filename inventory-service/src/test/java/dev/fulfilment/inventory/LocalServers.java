package dev.fulfilment.inventory;

import dev.fulfilment.testkit.LocalServersTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;

/** Every test of this service runs against real ElasticMQ and the DynamoDB emulator, started once. */
@QuarkusTestResource(
        value = LocalServersTestResource.class,
        initArgs = @ResourceArg(name = "servers", value = "SQS,DYNAMODB"))
public final class LocalServers {

    private LocalServers() {}
}
