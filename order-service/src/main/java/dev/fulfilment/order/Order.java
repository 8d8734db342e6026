package dev.fulfilment.order;

import dev.fulfilment.contracts.messages.CancelShipment;
import dev.fulfilment.contracts.messages.CreateShipment;
import dev.fulfilment.contracts.messages.InventoryRejected;
import dev.fulfilment.contracts.messages.InventoryReleased;
import dev.fulfilment.contracts.messages.InventoryReserved;
import dev.fulfilment.contracts.messages.MessagePayload;
import dev.fulfilment.contracts.messages.ReleaseInventory;
import dev.fulfilment.contracts.messages.ReserveInventory;
import dev.fulfilment.contracts.messages.ShipmentCancelRefused;
import dev.fulfilment.contracts.messages.ShipmentCancelled;
import dev.fulfilment.contracts.messages.ShipmentDelivered;
import dev.fulfilment.contracts.messages.ShipmentDispatched;
import dev.fulfilment.contracts.messages.ShipmentScheduled;
import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.CascadeType;
import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Embedded;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.OneToMany;
import jakarta.persistence.OrderBy;
import jakarta.persistence.OrderColumn;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * An order and its part in the saga. Every change of status goes through {@link #moveTo},
 * which asks {@link OrderStatus} whether the move is legal and writes the timeline. The
 * methods that change the order return the commands the change causes; the caller puts them
 * in the outbox in the same transaction.
 */
@Entity
@Table(name = "orders")
public class Order extends PanacheEntityBase {

    @Id
    public UUID id;

    @Column(name = "customer_id", nullable = false)
    public String customerId;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public OrderStatus status;

    @Enumerated(EnumType.STRING)
    @Column(name = "cancellation_step")
    public CancellationStep cancellationStep;

    @Enumerated(EnumType.STRING)
    @Column(name = "shipment_progress", nullable = false)
    public ShipmentProgress shipmentProgress;

    @Column(name = "shipment_id")
    public UUID shipmentId;

    @Column(name = "rejection_reason")
    public String rejectionReason;

    /** ISO 4217 code of the lines' prices; null until the stock is reserved at a price. */
    @Column(name = "currency", columnDefinition = "bpchar")
    public String currency;

    @Embedded
    public ShippingAddress shippingAddress;

    @ElementCollection
    @CollectionTable(name = "order_lines", joinColumns = @JoinColumn(name = "order_id"))
    @OrderColumn(name = "line_number")
    public List<OrderLine> lines = new ArrayList<>();

    @OneToMany(mappedBy = "order", cascade = CascadeType.PERSIST)
    @OrderBy("occurredAt ASC, id ASC")
    public List<OrderTimelineEntry> timeline = new ArrayList<>();

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;

    /** When the stock was reserved; null before. */
    @Column(name = "reserved_at")
    public Instant reservedAt;

    /** Times the command the order waits on was sent again since its last change. */
    @Column(nullable = false)
    public int reminders;

    /** When the order was given up on: waiting still, after every reminder. */
    @Column(name = "stuck_since")
    public Instant stuckSince;

    /** Optimistic locking: a request and a message changing one order at once cannot both win. */
    @Version
    public long version;

    protected Order() {}

    /** The order with its lines, loaded in one query. */
    public static Optional<Order> findWithLines(UUID id) {
        return find("from Order o left join fetch o.lines where o.id = ?1", id).singleResultOptional();
    }

    /** A new order, PENDING, and the command that starts its saga. */
    public static Placed place(String customerId, List<OrderLine> lines, ShippingAddress address, Instant now) {
        var order = new Order();
        order.id = UUID.randomUUID();
        order.customerId = customerId;
        order.lines = new ArrayList<>(lines);
        order.shippingAddress = address;
        order.shipmentProgress = ShipmentProgress.NONE;
        // PostgreSQL keeps microseconds; the cursor of GET /orders must compare equal to what it reads back.
        order.createdAt = now.truncatedTo(ChronoUnit.MICROS);
        order.status = OrderStatus.PENDING;
        order.record(OrderStatus.PENDING, "order placed", null, order.createdAt);
        return new Placed(order, new ReserveInventory(contractLines(order.lines)));
    }

    public record Placed(Order order, ReserveInventory command) {}

    /**
     * Cancels the order: the shipment first when one may exist, then the stock. A second
     * cancel while it is under way, or after, changes nothing.
     */
    public List<MessagePayload> cancel(String reason, Instant now) {
        if (status == OrderStatus.CANCELLING || status == OrderStatus.CANCELLED) {
            return List.of();
        }
        if (!status.isCancellable()) {
            throw new OrderNotCancellableException(id, status);
        }
        var wasPending = status == OrderStatus.PENDING;
        moveTo(OrderStatus.CANCELLING, "cancel requested: " + reason, null, now);
        if (wasPending) {
            // No shipment was asked for; the reserve may still be on its way, and inventory
            // makes sure it then reserves nothing.
            cancellationStep = CancellationStep.AWAITING_INVENTORY_RELEASE;
            return List.of(new ReleaseInventory(reason));
        }
        cancellationStep = CancellationStep.AWAITING_SHIPMENT_CANCELLATION;
        return List.of(new CancelShipment(reason));
    }

    /**
     * Applies a reply or event of the saga. Whatever does not fit the current status changes
     * nothing: it is late, repeated, or overtaken.
     *
     * @return the commands the change causes
     */
    public List<MessagePayload> on(MessagePayload event, UUID messageId, Instant now) {
        return switch (event) {
            case InventoryReserved reserved -> {
                if (status != OrderStatus.PENDING) {
                    yield List.of();
                }
                moveTo(OrderStatus.INVENTORY_RESERVED, fixPrices(reserved), messageId, now);
                reservedAt = now;
                // A shipment event that overtook this reply was noted; act on it now.
                if (shipmentProgress != ShipmentProgress.NONE) {
                    followTheShipment(messageId, now);
                }
                yield List.of(new CreateShipment(contractLines(lines), contractAddress()));
            }
            case InventoryRejected rejected -> {
                if (status == OrderStatus.PENDING) {
                    rejectionReason = OrderTimelineEntry.bounded(rejected.reason(), OrderTimelineEntry.REASON_LIMIT);
                    moveTo(OrderStatus.REJECTED, "rejected: " + rejected.reason(), messageId, now);
                }
                yield List.of();
            }
            case InventoryReleased released -> {
                if (status == OrderStatus.CANCELLING
                        && cancellationStep == CancellationStep.AWAITING_INVENTORY_RELEASE) {
                    cancellationStep = null;
                    moveTo(OrderStatus.CANCELLED, "stock released; order cancelled", messageId, now);
                }
                yield List.of();
            }
            case ShipmentScheduled scheduled ->
                shipmentMoved(scheduled.shipmentId(), ShipmentProgress.SCHEDULED, messageId, now);
            case ShipmentDispatched dispatched ->
                shipmentMoved(dispatched.shipmentId(), ShipmentProgress.DISPATCHED, messageId, now);
            case ShipmentDelivered delivered ->
                shipmentMoved(delivered.shipmentId(), ShipmentProgress.DELIVERED, messageId, now);
            case ShipmentCancelled cancelled -> {
                if (status == OrderStatus.CANCELLING
                        && cancellationStep == CancellationStep.AWAITING_SHIPMENT_CANCELLATION) {
                    cancellationStep = CancellationStep.AWAITING_INVENTORY_RELEASE;
                    record(OrderStatus.CANCELLING, "shipment cancelled; releasing stock", messageId, now);
                    yield List.of(new ReleaseInventory("order cancelled"));
                }
                yield List.of();
            }
            case ShipmentCancelRefused refused -> {
                var progress = "DELIVERED".equals(refused.shipmentStatus())
                        ? ShipmentProgress.DELIVERED
                        : ShipmentProgress.DISPATCHED;
                noteShipment(refused.shipmentId(), progress);
                if (status == OrderStatus.CANCELLING
                        && cancellationStep == CancellationStep.AWAITING_SHIPMENT_CANCELLATION) {
                    cancellationStep = null;
                    moveTo(
                            statusFor(shipmentProgress),
                            "cancel refused: the shipment had already left the warehouse",
                            messageId,
                            now);
                }
                yield List.of();
            }
            default ->
                throw new IllegalArgumentException(event.getClass().getSimpleName() + " is not an event for orders");
        };
    }

    /**
     * The order has waited past its deadline for the reply to a command: the command is sent
     * again (every service handles a repeated command as the first), up to {@code
     * maxReminders} times; after that the order is marked stuck and nothing more is sent.
     *
     * @return the command to send again; none once the reminders are used up, or for an order
     *     that waits on nothing
     */
    public List<MessagePayload> remind(int maxReminders, java.time.Duration waited, Instant now) {
        var awaited = awaitedCommand();
        if (awaited.isEmpty() || stuckSince != null) {
            return List.of();
        }
        var name = awaited.get().getClass().getSimpleName();
        if (reminders >= maxReminders) {
            stuckSince = now;
            note(
                    "stuck: no reply to " + name + " after " + reminders + " reminders; an operator must look "
                            + "(dead-letter queues, the services' logs)",
                    now);
            return List.of();
        }
        reminders++;
        note(
                "no reply to " + name + " for " + waited.toSeconds() + " s; sent again (" + reminders + " of "
                        + maxReminders + ")",
                now);
        return List.of(awaited.get());
    }

    /** The command whose reply the order waits for, from its status (and cancellation step). */
    private Optional<MessagePayload> awaitedCommand() {
        return switch (status) {
            case PENDING -> Optional.of(new ReserveInventory(contractLines(lines)));
            case INVENTORY_RESERVED -> Optional.of(new CreateShipment(contractLines(lines), contractAddress()));
            case CANCELLING ->
                Optional.of(
                        cancellationStep == CancellationStep.AWAITING_SHIPMENT_CANCELLATION
                                ? new CancelShipment("order cancelled")
                                : new ReleaseInventory("order cancelled"));
            default -> Optional.empty();
        };
    }

    /** A timeline entry that is not progress: the deadline clock restarts, the reminders count on. */
    private void note(String reason, Instant now) {
        timeline.add(new OrderTimelineEntry(this, status, reason, now, null));
        updatedAt = now;
    }

    /**
     * Keeps the prices the stock was reserved at.
     *
     * @return the timeline's reason: what was reserved, and the total it came to
     */
    private String fixPrices(InventoryReserved reserved) {
        if (reserved.currency() == null) {
            return "stock reserved (no prices: the reply came from an inventory-service that sends none)";
        }
        for (var line : lines) {
            reserved.lines().stream()
                    .filter(reservedLine -> reservedLine.sku().equals(line.sku))
                    .findFirst()
                    .ifPresent(reservedLine -> line.unitPrice = reservedLine.unitPrice());
        }
        currency = reserved.currency();
        return total().map(total -> "stock reserved; prices fixed: " + total.toPlainString() + " " + currency)
                .orElse("stock reserved");
    }

    /** The sum of the line totals, once every line has its price. */
    public Optional<BigDecimal> total() {
        return Prices.orderTotal(lines.stream().map(OrderLine::total).toList());
    }

    private List<MessagePayload> shipmentMoved(UUID shipment, ShipmentProgress progress, UUID messageId, Instant now) {
        noteShipment(shipment, progress);
        followTheShipment(messageId, now);
        return List.of();
    }

    private void followTheShipment(UUID messageId, Instant now) {
        var target = statusFor(shipmentProgress);
        var followsTheShipment = status == OrderStatus.INVENTORY_RESERVED
                || status == OrderStatus.CONFIRMED
                || status == OrderStatus.SHIPPED;
        if (followsTheShipment && status.canMoveTo(target)) {
            moveTo(
                    target,
                    switch (target) {
                        case CONFIRMED -> "shipment scheduled";
                        case SHIPPED -> "shipment dispatched";
                        default -> "shipment delivered";
                    },
                    messageId,
                    now);
        }
    }

    private void noteShipment(UUID shipment, ShipmentProgress progress) {
        if (shipmentId == null) {
            shipmentId = shipment;
        }
        shipmentProgress = shipmentProgress.furthest(progress);
    }

    private static OrderStatus statusFor(ShipmentProgress progress) {
        return switch (progress) {
            case NONE, SCHEDULED -> OrderStatus.CONFIRMED;
            case DISPATCHED -> OrderStatus.SHIPPED;
            case DELIVERED -> OrderStatus.DELIVERED;
        };
    }

    void moveTo(OrderStatus next, String reason, UUID causedBy, Instant now) {
        if (!status.canMoveTo(next)) {
            throw new IllegalStateException("order " + id + " cannot move from " + status + " to " + next);
        }
        status = next;
        record(next, reason, causedBy, now);
    }

    /** Progress: the timeline entry, and a fresh deadline with no reminders used. */
    private void record(OrderStatus recorded, String reason, UUID causedBy, Instant now) {
        timeline.add(new OrderTimelineEntry(this, recorded, reason, now, causedBy));
        updatedAt = now;
        reminders = 0;
        stuckSince = null;
    }

    private static List<dev.fulfilment.contracts.messages.OrderLine> contractLines(List<OrderLine> lines) {
        return lines.stream()
                .map(line -> new dev.fulfilment.contracts.messages.OrderLine(line.sku, line.quantity))
                .toList();
    }

    private dev.fulfilment.contracts.messages.ShippingAddress contractAddress() {
        var address = shippingAddress;
        return new dev.fulfilment.contracts.messages.ShippingAddress(
                address.recipient, address.line1, address.line2, address.city, address.postalCode, address.country);
    }
}
