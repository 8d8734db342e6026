package dev.fulfilment.contracts.messages;

import java.util.UUID;

/** The shipment exists and waits for the warehouse. */
public record ShipmentScheduled(UUID shipmentId) implements MessagePayload {}
