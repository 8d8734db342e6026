package dev.fulfilment.shipping;

import dev.fulfilment.support.problem.DomainException;
import java.util.UUID;

/** No shipment has this id. */
public class ShipmentNotFoundException extends DomainException {

    public ShipmentNotFoundException(UUID shipmentId) {
        super(404, "shipment-not-found", "Shipment not found", "no shipment has id " + shipmentId);
    }
}
