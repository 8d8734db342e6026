package dev.fulfilment.support.idempotency;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** The Idempotency-Key of every request that takes one (placing an order, adjusting stock). */
@ConfigMapping(prefix = "idempotency")
public interface IdempotencyConfig {

    /** How long a key is remembered; a retry after that is a new request. */
    @WithDefault("24h")
    Duration keyRetention();
}
