package dev.fulfilment.contracts.messages;

import java.util.UUID;

/** The shipment left the warehouse before the cancel: it goes on. */
public record ShipmentCancelRefused(UUID shipmentId, String shipmentStatus) implements MessagePayload {}
