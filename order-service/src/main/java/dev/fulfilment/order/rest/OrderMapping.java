package dev.fulfilment.order.rest;

import dev.fulfilment.order.Order;
import dev.fulfilment.order.OrderLine;
import dev.fulfilment.order.ShippingAddress;
import dev.fulfilment.order.service.Caller;
import dev.fulfilment.order.service.OrderQuery;
import dev.fulfilment.order.service.PlaceOrder;
import java.util.List;

/** Between the API's bodies and the order service's commands and orders. */
final class OrderMapping {

    private OrderMapping() {}

    static PlaceOrder toCommand(Caller.Customer customer, PlaceOrderRequest request) {
        var address = request.shippingAddress();
        return new PlaceOrder(
                customer.id(),
                request.lines().stream()
                        .map(line -> new OrderLine(line.sku(), line.quantity()))
                        .toList(),
                new ShippingAddress(
                        address.recipient(),
                        address.line1(),
                        address.line2(),
                        address.city(),
                        address.postalCode(),
                        address.country()));
    }

    /** The order with its timeline. */
    static OrderView toView(Order order) {
        return view(
                order,
                order.timeline.stream()
                        .map(entry -> new OrderView.TimelineEntry(entry.status, entry.reason, entry.occurredAt))
                        .toList());
    }

    static OrderPage toPage(OrderQuery.Page page) {
        return new OrderPage(
                page.orders().stream().map(order -> view(order, null)).toList(),
                page.next() == null ? null : OrderCursor.encode(page.next()));
    }

    private static OrderView view(Order order, List<OrderView.TimelineEntry> timeline) {
        var address = order.shippingAddress;
        return new OrderView(
                order.id,
                order.customerId,
                order.status,
                order.lines.stream()
                        .map(line -> new OrderView.Line(line.sku, line.quantity, line.unitPrice, line.total()))
                        .toList(),
                order.total().orElse(null),
                order.currency,
                new OrderView.Address(
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
