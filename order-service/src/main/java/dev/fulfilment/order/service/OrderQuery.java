package dev.fulfilment.order.service;

import dev.fulfilment.order.OrderStatus;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Which orders to list, newest first.
 *
 * @param customerId only this customer's, or everyone's the caller may see when null
 * @param status only in this status, or any when null
 * @param stuck only the orders the saga gave up on (true), or only the others (false), or both when
 *     null
 * @param limit at most this many
 * @param after only those after this position of an earlier listing, or from the newest when null
 */
public record OrderQuery(String customerId, OrderStatus status, Boolean stuck, int limit, Position after) {

    /** Where an order stands in the listing: orders are listed by (createdAt, id), descending. */
    public record Position(Instant createdAt, UUID id) {}

    /**
     * A page of the listing.
     *
     * @param next where the next page starts; null when this is the last
     */
    public record Page(List<OrderSnapshot> orders, Position next) {}
}
