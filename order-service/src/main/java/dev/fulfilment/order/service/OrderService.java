package dev.fulfilment.order.service;

import dev.fulfilment.order.Order;
import dev.fulfilment.order.OrderNotFoundException;
import dev.fulfilment.outbox.Outbox;
import dev.fulfilment.support.messaging.OutgoingMessage;
import dev.fulfilment.support.problem.InvalidRequestException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.OptimisticLockException;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.hibernate.FlushMode;
import org.hibernate.Hibernate;

/**
 * Placing, cancelling and reading orders; each change commits with the messages it causes.
 * The orders it returns are fully loaded: callers read them after the transaction.
 */
@ApplicationScoped
public class OrderService {

    private final Outbox outbox;
    private final OrderMetrics metrics;

    OrderService(Outbox outbox, OrderMetrics metrics) {
        this.outbox = outbox;
        this.metrics = metrics;
    }

    /** A new order, PENDING; its saga starts when the transaction commits. */
    @Transactional
    public Order place(PlaceOrder command) {
        requireEachSkuOnce(command);
        var placed = Order.place(command.customerId(), command.lines(), command.shippingAddress(), Instant.now());
        var order = placed.order();
        order.persist();
        outbox.enqueue(OutgoingMessage.caused(order.id, placed.command()));
        metrics.placed();
        return order;
    }

    /**
     * Cancels the customer's order. A message that changes the order at the same moment makes
     * the commit fail on the order's version; the cancel then starts again in a new transaction
     * from the order as the message left it (up to five times in all).
     *
     * @throws OrderNotFoundException when there is no such order of this customer's
     */
    @Retry(maxRetries = 4, delay = 10, jitter = 10, retryOn = OptimisticLockException.class)
    public Order cancel(UUID orderId, Caller.Customer customer, String reason) {
        // Through the bean (ArC intercepts a call to itself): each try is a transaction of its own.
        return cancelOnce(orderId, customer, reason);
    }

    @Transactional(Transactional.TxType.REQUIRES_NEW)
    Order cancelOnce(UUID orderId, Caller.Customer customer, String reason) {
        var order = load(orderId, customer);
        var before = order.status;
        var now = Instant.now();
        order.cancel(reason, now).forEach(command -> outbox.enqueue(OutgoingMessage.caused(orderId, command)));
        metrics.moved(order, before, now);
        // The version check happens here, inside the method, where the retry sees it.
        order.flush();
        return order;
    }

    /**
     * The order with its lines and timeline, without a transaction: a read needs none, and a
     * transaction's begin and commit cost about as much CPU as a query.
     *
     * @throws OrderNotFoundException when there is no such order the caller may see
     */
    public Order find(UUID orderId, Caller caller) {
        readOnly();
        return load(orderId, caller);
    }

    /**
     * Newest first, a page at a time; the orders come without their timelines. A customer's
     * listing holds its own orders only, whatever the query's customer. Without a transaction,
     * as {@link #find}.
     */
    public OrderQuery.Page list(OrderQuery query, Caller caller) {
        readOnly();
        var where = new StringBuilder("1 = 1");
        var parameters = new HashMap<String, Object>();
        var customerId = query.customerId();
        if (caller instanceof Caller.Customer customer) {
            if (customerId != null && !customerId.equals(customer.id())) {
                return new OrderQuery.Page(List.of(), null);
            }
            customerId = customer.id();
        }
        if (customerId != null) {
            where.append(" and customerId = :customerId");
            parameters.put("customerId", customerId);
        }
        if (query.status() != null) {
            where.append(" and status = :status");
            parameters.put("status", query.status());
        }
        if (query.stuck() != null) {
            where.append(query.stuck() ? " and stuckSince is not null" : " and stuckSince is null");
        }
        if (query.after() != null) {
            where.append(" and (createdAt < :afterAt or (createdAt = :afterAt and id < :afterId))");
            parameters.put("afterAt", query.after().createdAt());
            parameters.put("afterId", query.after().id());
        }
        where.append(" order by createdAt desc, id desc");
        // One more than asked for tells whether there is a next page.
        var orders = Order.<Order>find(where.toString(), parameters)
                .range(0, query.limit())
                .list();
        var page = orders.stream().limit(query.limit()).toList();
        page.forEach(order -> Hibernate.initialize(order.lines));
        var next = orders.size() > query.limit() ? OrderQuery.Position.of(page.getLast()) : null;
        return new OrderQuery.Page(page, next);
    }

    /**
     * The request only reads: Hibernate keeps no copy of what it loads to compare, and looks
     * for no changes to flush (a tenth of a page's CPU otherwise).
     */
    private static void readOnly() {
        var session = Order.getSession();
        session.setDefaultReadOnly(true);
        session.setHibernateFlushMode(FlushMode.MANUAL);
    }

    private static Order load(UUID orderId, Caller caller) {
        var order = Order.findWithLines(orderId)
                .filter(caller::maySee)
                .orElseThrow(() -> new OrderNotFoundException(orderId));
        Hibernate.initialize(order.timeline);
        return order;
    }

    private static void requireEachSkuOnce(PlaceOrder command) {
        var seen = new HashSet<String>();
        for (int i = 0; i < command.lines().size(); i++) {
            var sku = command.lines().get(i).sku;
            if (!seen.add(sku)) {
                throw new InvalidRequestException(
                        "lines[" + i + "].sku", "sku " + sku + " is in an earlier line; put its quantity there");
            }
        }
    }
}
