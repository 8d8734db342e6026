package dev.fulfilment.shipping.rest;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.fulfilment.contracts.messages.ShippingAddress;
import dev.fulfilment.shipping.Shipment;
import dev.fulfilment.shipping.ShipmentLine;
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
        List<ShipmentLine> lines,
        ShippingAddress shippingAddress,
        Instant createdAt,
        Instant dispatchedAt,
        Instant deliveredAt,
        Instant cancelledAt) {

    public static ShipmentView of(Shipment shipment) {
        var address = shipment.recipient == null
                ? null
                : new ShippingAddress(
                        shipment.recipient,
                        shipment.line1,
                        shipment.line2,
                        shipment.city,
                        shipment.postalCode,
                        shipment.country);
        return new ShipmentView(
                shipment.id,
                shipment.orderId,
                shipment.status,
                shipment.lines,
                address,
                shipment.createdAt,
                shipment.dispatchedAt,
                shipment.deliveredAt,
                shipment.cancelledAt);
    }
}
