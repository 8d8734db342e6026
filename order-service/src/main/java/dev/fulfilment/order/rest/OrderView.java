package dev.fulfilment.order.rest;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.fulfilment.order.Order;
import dev.fulfilment.order.OrderStatus;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** An order as the API shows it, with its timeline. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record OrderView(
        UUID id,
        String customerId,
        OrderStatus status,
        List<PlaceOrderRequest.Line> lines,
        PlaceOrderRequest.Address shippingAddress,
        UUID shipmentId,
        String rejectionReason,
        Instant createdAt,
        Instant updatedAt,
        List<TimelineEntry> timeline) {

    /** One status change. */
    public record TimelineEntry(OrderStatus status, String reason, Instant at) {}

    public static OrderView of(Order order) {
        return summaryOf(
                order,
                order.timeline.stream()
                        .map(entry -> new TimelineEntry(entry.status, entry.reason, entry.occurredAt))
                        .toList());
    }

    /** Without the timeline, as in lists. */
    public static OrderView summaryOf(Order order) {
        return summaryOf(order, null);
    }

    private static OrderView summaryOf(Order order, List<TimelineEntry> timeline) {
        var address = order.shippingAddress;
        return new OrderView(
                order.id,
                order.customerId,
                order.status,
                order.lines.stream()
                        .map(line -> new PlaceOrderRequest.Line(line.sku, line.quantity))
                        .toList(),
                new PlaceOrderRequest.Address(
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
                timeline);
    }
}
