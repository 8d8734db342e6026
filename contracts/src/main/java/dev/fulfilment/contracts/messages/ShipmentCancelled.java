package dev.fulfilment.contracts.messages;

import java.util.UUID;

/** The shipment is cancelled and will never be dispatched. */
public record ShipmentCancelled(UUID shipmentId) implements MessagePayload {}
