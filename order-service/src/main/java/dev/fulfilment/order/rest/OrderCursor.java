package dev.fulfilment.order.rest;

import dev.fulfilment.support.problem.InvalidRequestException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.UUID;

/** Where a page of GET /orders ended: the (createdAt, id) of its last order, opaque to clients. */
public record OrderCursor(Instant createdAt, UUID id) {

    public String encode() {
        var raw = createdAt.getEpochSecond() + "." + createdAt.getNano() + "/" + id;
        return Base64.getUrlEncoder().withoutPadding().encodeToString(raw.getBytes(StandardCharsets.UTF_8));
    }

    public static OrderCursor decode(String cursor) {
        try {
            var raw = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
            var slash = raw.indexOf('/');
            var dot = raw.indexOf('.');
            var createdAt = Instant.ofEpochSecond(
                    Long.parseLong(raw.substring(0, dot)), Long.parseLong(raw.substring(dot + 1, slash)));
            return new OrderCursor(createdAt, UUID.fromString(raw.substring(slash + 1)));
        } catch (RuntimeException e) {
            throw new InvalidRequestException("cursor", "is not a cursor this API returned");
        }
    }
}
