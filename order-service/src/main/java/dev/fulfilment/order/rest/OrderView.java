package dev.fulfilment.order.rest;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.fulfilment.order.Order;
import dev.fulfilment.order.OrderStatus;
import dev.fulfilment.order.service.OrderSnapshot;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * An order as the API shows it; in lists, without its timeline.
 *
 * @param total the sum of the line totals, once the stock is reserved at its prices
 * @param currency ISO 4217 code of every amount of the order
 * @param cancellable whether its customer may still cancel it (until the shipment is dispatched)
 * @param stuckSince when the saga gave up waiting for a reply and an operator must look; absent
 *     otherwise
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record OrderView(
        UUID id,
        String customerId,
        OrderStatus status,
        boolean cancellable,
        List<Line> lines,
        BigDecimal total,
        String currency,
        Address shippingAddress,
        UUID shipmentId,
        String rejectionReason,
        Instant createdAt,
        Instant updatedAt,
        Instant stuckSince,
        List<TimelineEntry> timeline) {

    /**
     * A product and how many of it; its prices once the stock is reserved.
     *
     * @param unitPrice in the order's currency, fixed when the stock was reserved
     * @param lineTotal unit price times quantity
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Line(String sku, int quantity, BigDecimal unitPrice, BigDecimal lineTotal) {}

    /** Where the order goes; country is an ISO 3166-1 alpha-2 code. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Address(
            String recipient, String line1, String line2, String city, String postalCode, String country) {}

    /** One status change: what, why and when. */
    public record TimelineEntry(OrderStatus status, String reason, Instant at) {}

    /** The order, with its timeline when it was read. */
    static OrderView of(OrderSnapshot order) {
        var address = order.shippingAddress();
        return new OrderView(
                order.id(),
                order.customerId(),
                order.status(),
                order.status().isCancellable(),
                order.lines().stream()
                        .map(line -> new Line(line.sku(), line.quantity(), line.unitPrice(), line.total()))
                        .toList(),
                order.total(),
                order.currency(),
                new Address(
                        address.recipient(),
                        address.line1(),
                        address.line2(),
                        address.city(),
                        address.postalCode(),
                        address.country()),
                order.shipmentId(),
                order.rejectionReason(),
                order.createdAt(),
                order.updatedAt(),
                order.stuckSince(),
                order.timeline() == null
                        ? null
                        : order.timeline().stream()
                                .map(change -> new TimelineEntry(change.status(), change.reason(), change.at()))
                                .toList());
    }

    /** An order this request has just changed, with its timeline. */
    static OrderView of(Order order) {
        return of(OrderSnapshot.of(order));
    }
}
