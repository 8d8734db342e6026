package dev.fulfilment.order.rest;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.fulfilment.order.OrderStatus;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** An order as the API shows it; in lists, without its timeline. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record OrderView(
        UUID id,
        String customerId,
        OrderStatus status,
        List<Line> lines,
        Address shippingAddress,
        UUID shipmentId,
        String rejectionReason,
        Instant createdAt,
        Instant updatedAt,
        List<TimelineEntry> timeline) {

    /** A product and how many of it. */
    public record Line(String sku, int quantity) {}

    /** Where the order goes; country is an ISO 3166-1 alpha-2 code. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Address(
            String recipient, String line1, String line2, String city, String postalCode, String country) {}

    /** One status change: what, why and when. */
    public record TimelineEntry(OrderStatus status, String reason, Instant at) {}
}
