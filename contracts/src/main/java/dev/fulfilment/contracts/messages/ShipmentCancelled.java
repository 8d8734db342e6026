package dev.fulfilment.contracts.messages;

import static dev.fulfilment.contracts.Destination.ORDER_EVENTS;

import dev.fulfilment.contracts.Contract;
import java.util.UUID;

/** The shipment is cancelled and will never be dispatched. */
@Contract(queue = ORDER_EVENTS)
public record ShipmentCancelled(UUID shipmentId) implements MessagePayload {}
