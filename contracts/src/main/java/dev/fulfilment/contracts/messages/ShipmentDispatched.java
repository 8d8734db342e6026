package dev.fulfilment.contracts.messages;

import java.util.UUID;

/** The warehouse handed the shipment to the carrier. */
public record ShipmentDispatched(UUID shipmentId) implements MessagePayload {}
