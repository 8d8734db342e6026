package dev.fulfilment.contracts.messages;

/** Cancel the order's shipment unless it is dispatched. */
public record CancelShipment(String reason) implements MessagePayload {}
