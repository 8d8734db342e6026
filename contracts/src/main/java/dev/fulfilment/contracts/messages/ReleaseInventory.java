package dev.fulfilment.contracts.messages;

/** Give back what the order reserved, or make sure it never reserves anything. */
public record ReleaseInventory(String reason) implements MessagePayload {}
