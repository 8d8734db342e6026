package dev.fulfilment.order.idempotency;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** The Idempotency-Key of POST /orders. */
@ConfigMapping(prefix = "idempotency")
public interface IdempotencyConfig {

    /** How long a key is remembered; a retry after that places a new order. */
    @WithDefault("24h")
    Duration keyRetention();
}
