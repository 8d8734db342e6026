package dev.fulfilment.support.health;

import java.time.Duration;
import software.amazon.awssdk.awscore.AwsRequestOverrideConfiguration;

/**
 * How long a readiness check waits for one dependency. The load balancer gives the whole check
 * 5 s (terraform/modules/service/load_balancing.tf): with the SDK's own timeouts and retries, a
 * check against an SQS that does not answer (a network partition, not a refused connection)
 * took 25 s, and the load balancer saw a timeout rather than the 503 that says why.
 */
public final class ReadinessTimeout {

    /** The most one dependency's answer may take, its retries included. */
    public static final Duration PER_DEPENDENCY = Duration.ofSeconds(2);

    private ReadinessTimeout() {}

    /** A request's override that ends it, retries included, after {@link #PER_DEPENDENCY}. */
    public static void apply(AwsRequestOverrideConfiguration.Builder override) {
        override.apiCallTimeout(PER_DEPENDENCY);
    }
}
