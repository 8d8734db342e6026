package dev.fulfilment.shipping.service;

import dev.fulfilment.contracts.messages.ShipmentDelivered;
import dev.fulfilment.contracts.messages.ShipmentDispatched;
import dev.fulfilment.outbox.Outbox;
import dev.fulfilment.shipping.Shipment;
import dev.fulfilment.shipping.ShipmentNotFoundException;
import dev.fulfilment.shipping.rest.ShipmentView;
import dev.fulfilment.support.messaging.OutgoingMessage;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** What the warehouse and the carrier do to shipments; each change commits with its event. */
@ApplicationScoped
public class ShipmentService {

    private final Outbox outbox;

    ShipmentService(Outbox outbox) {
        this.outbox = outbox;
    }

    @Transactional
    public ShipmentView find(UUID shipmentId) {
        return ShipmentView.of(load(shipmentId));
    }

    @Transactional
    public List<ShipmentView> findByOrder(UUID orderId) {
        return Shipment.findByOrderId(orderId).map(ShipmentView::of).stream().toList();
    }

    /** The warehouse handed it to the carrier; dispatching again changes nothing. */
    @Transactional
    public ShipmentView dispatch(UUID shipmentId, String traceparent) {
        var shipment = load(shipmentId);
        if (shipment.dispatch(Instant.now())) {
            outbox.enqueue(OutgoingMessage.caused(shipment.orderId, traceparent, new ShipmentDispatched(shipment.id)));
        }
        return ShipmentView.of(shipment);
    }

    /** The carrier delivered it; delivering again changes nothing. */
    @Transactional
    public ShipmentView deliver(UUID shipmentId, String traceparent) {
        var shipment = load(shipmentId);
        if (shipment.deliver(Instant.now())) {
            outbox.enqueue(OutgoingMessage.caused(shipment.orderId, traceparent, new ShipmentDelivered(shipment.id)));
        }
        return ShipmentView.of(shipment);
    }

    private static Shipment load(UUID shipmentId) {
        Shipment shipment = Shipment.findById(shipmentId);
        if (shipment == null) {
            throw new ShipmentNotFoundException(shipmentId);
        }
        return shipment;
    }
}
