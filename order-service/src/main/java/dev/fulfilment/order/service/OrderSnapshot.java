package dev.fulfilment.order.service;

import dev.fulfilment.order.Order;
import dev.fulfilment.order.OrderStatus;
import dev.fulfilment.order.Prices;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * An order as it was read, for the API to show: what {@link OrderReads} reads from PostgreSQL,
 * or an entity this request has just changed.
 *
 * @param currency of every price; null until the stock is reserved
 * @param timeline its status changes, oldest first; null when not read (lists leave it out)
 */
public record OrderSnapshot(
        UUID id,
        String customerId,
        OrderStatus status,
        List<Line> lines,
        String currency,
        Address shippingAddress,
        UUID shipmentId,
        String rejectionReason,
        Instant createdAt,
        Instant updatedAt,
        Instant stuckSince,
        List<Change> timeline) {

    /** A line; its unit price once the stock is reserved, null before. */
    public record Line(String sku, int quantity, BigDecimal unitPrice) {

        /** Unit price times quantity; null while the price is not known. */
        public BigDecimal total() {
            return Prices.lineTotal(unitPrice, quantity);
        }
    }

    public record Address(
            String recipient, String line1, String line2, String city, String postalCode, String country) {}

    /** One status change: what, why and when. */
    public record Change(OrderStatus status, String reason, Instant at) {}

    /** The entity as it is now, with its timeline. */
    public static OrderSnapshot of(Order order) {
        var address = order.shippingAddress;
        return new OrderSnapshot(
                order.id,
                order.customerId,
                order.status,
                order.lines.stream()
                        .map(line -> new Line(line.sku, line.quantity, line.unitPrice))
                        .toList(),
                order.currency,
                new Address(
                        address.recipient,
                        address.line1,
                        address.line2,
                        address.city,
                        address.postalCode,
                        address.country),
                order.shipmentId,
                order.rejectionReason,
                order.createdAt,
                order.updatedAt,
                order.stuckSince,
                order.timeline.stream()
                        .map(entry -> new Change(entry.status, entry.reason, entry.occurredAt))
                        .toList());
    }

    /** The sum of the line totals, once every line has its price; null before. */
    public BigDecimal total() {
        return Prices.orderTotal(lines.stream().map(Line::total).toList()).orElse(null);
    }
}
