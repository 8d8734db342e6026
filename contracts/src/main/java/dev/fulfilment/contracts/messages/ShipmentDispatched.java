package dev.fulfilment.contracts.messages;

import static dev.fulfilment.contracts.Destination.ORDER_EVENTS;

import dev.fulfilment.contracts.Contract;
import java.util.UUID;

/** The warehouse handed the shipment to the carrier. */
@Contract(queue = ORDER_EVENTS)
public record ShipmentDispatched(UUID shipmentId) implements MessagePayload {}
