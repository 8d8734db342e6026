package dev.fulfilment.order.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.fulfilment.order.Order;
import dev.fulfilment.order.OrderLine;
import dev.fulfilment.order.OrderNotFoundException;
import dev.fulfilment.order.OrderStatus;
import dev.fulfilment.order.ShippingAddress;
import dev.fulfilment.order.idempotency.IdempotencyKeyReusedException;
import dev.fulfilment.order.idempotency.IdempotencyKeys;
import dev.fulfilment.order.rest.OrderCursor;
import dev.fulfilment.order.rest.OrderPage;
import dev.fulfilment.order.rest.OrderView;
import dev.fulfilment.order.rest.PlaceOrderRequest;
import dev.fulfilment.outbox.Outbox;
import dev.fulfilment.support.messaging.OutgoingMessage;
import dev.fulfilment.support.problem.InvalidRequestException;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.OptimisticLockException;
import jakarta.transaction.Transactional;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.UUID;

/** Placing, cancelling and reading orders; each change commits with the messages it causes. */
@ApplicationScoped
public class OrderService {

    private static final int CANCEL_ATTEMPTS = 5;

    private final Outbox outbox;
    private final IdempotencyKeys idempotencyKeys;
    private final ObjectMapper objectMapper;

    OrderService(Outbox outbox, IdempotencyKeys idempotencyKeys, ObjectMapper objectMapper) {
        this.outbox = outbox;
        this.idempotencyKeys = idempotencyKeys;
        this.objectMapper = objectMapper;
    }

    /**
     * The response body of a placement, as JSON: for a repeated Idempotency-Key it is the body
     * of the first response, byte for byte.
     */
    public record Placement(UUID orderId, String responseBody, boolean replayed) {}

    @Transactional
    public Placement place(PlaceOrderRequest request, String idempotencyKey, String traceparent) {
        requireEachSkuOnce(request);
        var placed = Order.place(
                request.customerId(),
                request.lines().stream()
                        .map(line -> new OrderLine(line.sku(), line.quantity()))
                        .toList(),
                toAddress(request.shippingAddress()),
                Instant.now());
        var order = placed.order();
        var responseBody = json(OrderView.of(order));
        if (idempotencyKey != null) {
            var hash = sha256(json(request));
            var claimed = idempotencyKeys.claim(idempotencyKey, hash, order.id, responseBody);
            if (claimed.isPresent()) {
                if (!claimed.get().requestHash().equals(hash)) {
                    throw new IdempotencyKeyReusedException(idempotencyKey);
                }
                return new Placement(claimed.get().orderId(), claimed.get().responseBody(), true);
            }
        }
        order.persist();
        outbox.enqueue(OutgoingMessage.caused(order.id, traceparent, placed.command()));
        return new Placement(order.id, responseBody, false);
    }

    /** Cancels the order, trying again when a message changed it at the same moment. */
    public OrderView cancel(UUID orderId, String reason, String traceparent) {
        for (int attempt = 1; ; attempt++) {
            try {
                return QuarkusTransaction.requiringNew().call(() -> {
                    Order order = Order.findById(orderId);
                    if (order == null) {
                        throw new OrderNotFoundException(orderId);
                    }
                    order.cancel(reason, Instant.now())
                            .forEach(command -> outbox.enqueue(OutgoingMessage.caused(orderId, traceparent, command)));
                    order.flush();
                    return OrderView.of(order);
                });
            } catch (RuntimeException e) {
                if (attempt == CANCEL_ATTEMPTS || !isOptimisticLockFailure(e)) {
                    throw e;
                }
            }
        }
    }

    @Transactional
    public OrderView find(UUID orderId) {
        Order order = Order.findById(orderId);
        if (order == null) {
            throw new OrderNotFoundException(orderId);
        }
        return OrderView.of(order);
    }

    /** Newest first; the cursor continues where the previous page ended. */
    @Transactional
    public OrderPage list(String customerId, OrderStatus status, int limit, String cursor) {
        var query = new StringBuilder("1 = 1");
        var parameters = new HashMap<String, Object>();
        if (customerId != null) {
            query.append(" and customerId = :customerId");
            parameters.put("customerId", customerId);
        }
        if (status != null) {
            query.append(" and status = :status");
            parameters.put("status", status);
        }
        if (cursor != null) {
            var after = OrderCursor.decode(cursor);
            query.append(" and (createdAt < :cursorAt or (createdAt = :cursorAt and id < :cursorId))");
            parameters.put("cursorAt", after.createdAt());
            parameters.put("cursorId", after.id());
        }
        query.append(" order by createdAt desc, id desc");
        var orders =
                Order.<Order>find(query.toString(), parameters).range(0, limit).list();
        var items = orders.stream().limit(limit).map(OrderView::summaryOf).toList();
        String nextCursor = null;
        if (orders.size() > limit) {
            var last = orders.get(limit - 1);
            nextCursor = new OrderCursor(last.createdAt, last.id).encode();
        }
        return new OrderPage(items, nextCursor);
    }

    private static void requireEachSkuOnce(PlaceOrderRequest request) {
        var seen = new HashSet<String>();
        for (int i = 0; i < request.lines().size(); i++) {
            if (!seen.add(request.lines().get(i).sku())) {
                throw new InvalidRequestException(
                        "lines[" + i + "].sku",
                        "sku " + request.lines().get(i).sku() + " is in an earlier line; put its quantity there");
            }
        }
    }

    private static ShippingAddress toAddress(PlaceOrderRequest.Address address) {
        return new ShippingAddress(
                address.recipient(),
                address.line1(),
                address.line2(),
                address.city(),
                address.postalCode(),
                address.country());
    }

    private static boolean isOptimisticLockFailure(Throwable e) {
        for (var cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof OptimisticLockException || cause instanceof org.hibernate.StaleStateException) {
                return true;
            }
        }
        return false;
    }

    private String json(Object value) {
        try {
            return objectMapper.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
