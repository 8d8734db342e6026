package dev.fulfilment.order.rest;

import dev.fulfilment.order.service.OrderQuery;
import dev.fulfilment.support.problem.InvalidRequestException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.UUID;

/** The {@code cursor} of GET /orders: where a page ended, opaque to clients. */
final class OrderCursor {

    private OrderCursor() {}

    static String encode(OrderQuery.Position position) {
        var createdAt = position.createdAt();
        var raw = createdAt.getEpochSecond() + "." + createdAt.getNano() + "/" + position.id();
        return Base64.getUrlEncoder().withoutPadding().encodeToString(raw.getBytes(StandardCharsets.UTF_8));
    }

    static OrderQuery.Position decode(String cursor) {
        try {
            var raw = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
            var slash = raw.indexOf('/');
            var dot = raw.indexOf('.');
            var createdAt = Instant.ofEpochSecond(
                    Long.parseLong(raw.substring(0, dot)), Long.parseLong(raw.substring(dot + 1, slash)));
            return new OrderQuery.Position(createdAt, UUID.fromString(raw.substring(slash + 1)));
        } catch (RuntimeException e) {
            throw new InvalidRequestException("cursor", "is not a cursor this API returned");
        }
    }
}
