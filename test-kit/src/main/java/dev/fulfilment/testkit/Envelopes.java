package dev.fulfilment.testkit;

import java.time.Instant;
import java.util.UUID;

/**
 * A message's body as another service would send it, for tests that run a service as a
 * packaged jar and cannot use its codec: the envelope of the contracts around a payload given
 * as JSON.
 */
public final class Envelopes {

    private Envelopes() {}

    public static String json(UUID orderId, String type, int version, String payload) {
        return """
                {"messageId":"%s","type":"%s","version":%d,"occurredAt":"%s","orderId":"%s",
                 "causationId":null,"traceparent":null,"payload":%s}""".formatted(UUID.randomUUID(), type, version, Instant.now(), orderId, payload);
    }
}
