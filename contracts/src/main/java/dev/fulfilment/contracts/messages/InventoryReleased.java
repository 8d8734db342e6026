package dev.fulfilment.contracts.messages;

/** The order holds no stock any more. */
public record InventoryReleased() implements MessagePayload {}
