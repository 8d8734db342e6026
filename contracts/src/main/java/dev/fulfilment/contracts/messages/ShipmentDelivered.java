package dev.fulfilment.contracts.messages;

import static dev.fulfilment.contracts.Destination.ORDER_EVENTS;

import dev.fulfilment.contracts.Contract;
import java.util.UUID;

/** The carrier delivered the shipment. */
@Contract(queue = ORDER_EVENTS)
public record ShipmentDelivered(UUID shipmentId) implements MessagePayload {}
