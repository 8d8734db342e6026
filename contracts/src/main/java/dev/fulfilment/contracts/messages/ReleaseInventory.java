package dev.fulfilment.contracts.messages;

import static dev.fulfilment.contracts.Destination.INVENTORY_COMMANDS;

import dev.fulfilment.contracts.Contract;

/** Give back what the order reserved, or make sure it never reserves anything. */
@Contract(queue = INVENTORY_COMMANDS)
public record ReleaseInventory(String reason) implements MessagePayload {}
