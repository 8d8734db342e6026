package dev.fulfilment.contracts.messages;

import static dev.fulfilment.contracts.Destination.ORDER_EVENTS;

import dev.fulfilment.contracts.Contract;
import java.util.UUID;

/** The shipment left the warehouse before the cancel: it goes on. */
@Contract(queue = ORDER_EVENTS)
public record ShipmentCancelRefused(UUID shipmentId, String shipmentStatus) implements MessagePayload {}
