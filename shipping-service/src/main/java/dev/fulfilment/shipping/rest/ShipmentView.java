package dev.fulfilment.shipping.rest;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.fulfilment.shipping.Shipment;
import dev.fulfilment.shipping.ShipmentStatus;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** A shipment as the API shows it. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ShipmentView(
        UUID id,
        UUID orderId,
        ShipmentStatus status,
        List<Line> lines,
        Address shippingAddress,
        Instant createdAt,
        Instant dispatchedAt,
        Instant deliveredAt,
        Instant cancelledAt) {

    /** A product and how many of it go in the parcel. */
    public record Line(String sku, int quantity) {}

    /** Where the parcel goes; country is an ISO 3166-1 alpha-2 code. */
    public record Address(
            String recipient, String line1, String line2, String city, String postalCode, String country) {}

    public static ShipmentView of(Shipment shipment) {
        // A shipment cancelled before it was created has neither lines nor address.
        var address = shipment.recipient == null
                ? null
                : new Address(
                        shipment.recipient,
                        shipment.line1,
                        shipment.line2,
                        shipment.city,
                        shipment.postalCode,
                        shipment.country);
        var lines = shipment.lines == null
                ? null
                : shipment.lines.stream()
                        .map(line -> new Line(line.sku(), line.quantity()))
                        .toList();
        return new ShipmentView(
                shipment.id,
                shipment.orderId,
                shipment.status,
                lines,
                address,
                shipment.createdAt,
                shipment.dispatchedAt,
                shipment.deliveredAt,
                shipment.cancelledAt);
    }
}
