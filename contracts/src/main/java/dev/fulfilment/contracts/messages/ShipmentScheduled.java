package dev.fulfilment.contracts.messages;

import static dev.fulfilment.contracts.Destination.ORDER_EVENTS;

import dev.fulfilment.contracts.Contract;
import java.util.UUID;

/** The shipment exists and waits for the warehouse. */
@Contract(queue = ORDER_EVENTS)
public record ShipmentScheduled(UUID shipmentId) implements MessagePayload {}
