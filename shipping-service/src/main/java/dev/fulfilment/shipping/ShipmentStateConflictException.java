package dev.fulfilment.shipping;

import dev.fulfilment.support.problem.DomainException;
import java.util.UUID;

/** The shipment's status does not allow what was asked. */
public class ShipmentStateConflictException extends DomainException {

    public ShipmentStateConflictException(UUID shipmentId, ShipmentStatus status, ShipmentStatus wanted) {
        super(
                409,
                "shipment-state-conflict",
                "The shipment cannot do that now",
                "shipment " + shipmentId + " is " + status + " and cannot become " + wanted);
    }
}
