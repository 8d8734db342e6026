package dev.fulfilment.shipping.service;

import dev.fulfilment.contracts.messages.ShipmentDelivered;
import dev.fulfilment.contracts.messages.ShipmentDispatched;
import dev.fulfilment.outbox.Outbox;
import dev.fulfilment.shipping.Shipment;
import dev.fulfilment.shipping.ShipmentNotFoundException;
import dev.fulfilment.support.messaging.OutgoingMessage;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/** What the warehouse and the carrier do to shipments; each change commits with its event. */
@ApplicationScoped
public class ShipmentService {

    private final Outbox outbox;

    ShipmentService(Outbox outbox) {
        this.outbox = outbox;
    }

    @Transactional
    public Shipment find(UUID shipmentId) {
        return load(shipmentId);
    }

    @Transactional
    public Optional<Shipment> findByOrder(UUID orderId) {
        return Shipment.findByOrderId(orderId);
    }

    /** The warehouse handed it to the carrier; dispatching again changes nothing. */
    @Transactional
    public Shipment dispatch(UUID shipmentId) {
        var shipment = load(shipmentId);
        if (shipment.dispatch(Instant.now())) {
            outbox.enqueue(OutgoingMessage.caused(shipment.orderId, new ShipmentDispatched(shipment.id)));
        }
        return shipment;
    }

    /** The carrier delivered it; delivering again changes nothing. */
    @Transactional
    public Shipment deliver(UUID shipmentId) {
        var shipment = load(shipmentId);
        if (shipment.deliver(Instant.now())) {
            outbox.enqueue(OutgoingMessage.caused(shipment.orderId, new ShipmentDelivered(shipment.id)));
        }
        return shipment;
    }

    private static Shipment load(UUID shipmentId) {
        Shipment shipment = Shipment.findById(shipmentId);
        if (shipment == null) {
            throw new ShipmentNotFoundException(shipmentId);
        }
        return shipment;
    }
}
