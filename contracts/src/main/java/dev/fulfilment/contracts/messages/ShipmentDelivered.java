package dev.fulfilment.contracts.messages;

import java.util.UUID;

/** The carrier delivered the shipment. */
public record ShipmentDelivered(UUID shipmentId) implements MessagePayload {}
