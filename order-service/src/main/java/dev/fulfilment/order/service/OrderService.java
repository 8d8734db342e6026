package dev.fulfilment.order.service;

import dev.fulfilment.order.Order;
import dev.fulfilment.order.OrderLimitReachedException;
import dev.fulfilment.order.OrderNotFoundException;
import dev.fulfilment.order.OrderStatus;
import dev.fulfilment.outbox.Outbox;
import dev.fulfilment.support.messaging.OutgoingMessage;
import dev.fulfilment.support.problem.InvalidRequestException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.OptimisticLockException;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashSet;
import java.util.UUID;
import java.util.stream.Collectors;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.hibernate.Hibernate;

/**
 * Placing and cancelling orders; each change commits with the messages it causes. The orders
 * it returns are fully loaded: callers read them after the transaction. Reads are {@link
 * OrderReads}'.
 */
@ApplicationScoped
public class OrderService {

    /** The open orders of one customer and the units they hold (OrderStatus.isOpen). */
    private static final String OPEN_ORDERS_OF_CUSTOMER = "select count(distinct o.id), coalesce(sum(l.quantity), 0)"
            + " from orders o join order_lines l on l.order_id = o.id where o.customer_id = :customerId and o.status in ("
            + Arrays.stream(OrderStatus.values())
                    .filter(OrderStatus::isOpen)
                    .map(status -> "'" + status.name() + "'")
                    .collect(Collectors.joining(", "))
            + ")";

    private final Outbox outbox;
    private final OrderMetrics metrics;
    private final OrderLimits limits;

    OrderService(Outbox outbox, OrderMetrics metrics, OrderLimits limits) {
        this.outbox = outbox;
        this.metrics = metrics;
        this.limits = limits;
    }

    /**
     * A new order, PENDING; its saga starts when the transaction commits.
     *
     * @throws OrderLimitReachedException when it would take the customer past {@link OrderLimits}
     */
    @Transactional
    public Order place(PlaceOrder command) {
        requireEachSkuOnce(command);
        requireWithinLimits(command);
        var placed = Order.place(command.customerId(), command.lines(), command.shippingAddress(), Instant.now());
        var order = placed.order();
        order.persist();
        outbox.enqueue(OutgoingMessage.caused(order.id, placed.command()));
        metrics.placed();
        return order;
    }

    /**
     * Cancels the order: a customer its own, the back office any (an abusive hold of stock,
     * an order the warehouse cannot fill). A message that changes the order at the same moment
     * makes the commit fail on the order's version; the cancel then starts again in a new
     * transaction from the order as the message left it (up to five times in all).
     *
     * @param reason why, in the caller's words; the timeline says who asked
     * @throws OrderNotFoundException when there is no such order the caller may see
     */
    @Retry(maxRetries = 4, delay = 10, jitter = 10, retryOn = OptimisticLockException.class)
    public Order cancel(UUID orderId, Caller caller, String reason) {
        // Through the bean (ArC intercepts a call to itself): each try is a transaction of its own.
        return cancelOnce(orderId, caller, reason);
    }

    @Transactional(Transactional.TxType.REQUIRES_NEW)
    Order cancelOnce(UUID orderId, Caller caller, String reason) {
        var order = load(orderId, caller);
        var before = order.status;
        var now = Instant.now();
        order.cancel(reason, now).forEach(command -> outbox.enqueue(OutgoingMessage.caused(orderId, command)));
        metrics.moved(order, before, now);
        // The version check happens here, inside the method, where the retry sees it.
        order.flush();
        return order;
    }

    private static Order load(UUID orderId, Caller caller) {
        var order = Order.findWithLines(orderId)
                .filter(caller::maySee)
                .orElseThrow(() -> new OrderNotFoundException(orderId));
        Hibernate.initialize(order.timeline);
        return order;
    }

    /**
     * The customer's open orders with this one stay within the limits. One customer's orders
     * are placed one at a time (a lock on the customer, held until commit), so that two placed
     * at once cannot both pass.
     */
    private void requireWithinLimits(PlaceOrder command) {
        var session = Order.getSession();
        session.createNativeQuery("select pg_advisory_xact_lock(hashtextextended(:customerId, 0))", Object.class)
                .setParameter("customerId", command.customerId())
                .getSingleResult();
        var open = session.createNativeQuery(OPEN_ORDERS_OF_CUSTOMER, Object[].class)
                .setParameter("customerId", command.customerId())
                .getSingleResult();
        var openOrders = ((Number) open[0]).longValue();
        var heldUnits = ((Number) open[1]).longValue();
        if (openOrders >= limits.openOrders()) {
            throw OrderLimitReachedException.openOrders(limits.openOrders());
        }
        var orderedUnits =
                command.lines().stream().mapToLong(line -> line.quantity).sum();
        if (heldUnits + orderedUnits > limits.openUnits()) {
            throw OrderLimitReachedException.openUnits(limits.openUnits(), heldUnits, orderedUnits);
        }
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
