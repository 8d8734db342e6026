package dev.fulfilment.order.rest;

import dev.fulfilment.order.service.OrderQuery;
import java.util.List;

/**
 * One page of GET /orders.
 *
 * @param nextCursor pass it as {@code cursor} for the next page; null on the last page
 */
public record OrderPage(List<OrderView> items, String nextCursor) {

    static OrderPage of(OrderQuery.Page page) {
        return new OrderPage(
                page.orders().stream().map(OrderView::of).toList(),
                page.next() == null ? null : OrderCursor.encode(page.next()));
    }
}
