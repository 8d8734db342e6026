package dev.fulfilment.order.rest;

import java.util.List;

/**
 * One page of GET /orders.
 *
 * @param nextCursor pass it as {@code cursor} for the next page; null on the last page
 */
public record OrderPage(List<OrderView> items, String nextCursor) {}
