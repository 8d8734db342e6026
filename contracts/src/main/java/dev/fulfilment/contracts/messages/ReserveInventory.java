package dev.fulfilment.contracts.messages;

import static dev.fulfilment.contracts.Destination.INVENTORY_COMMANDS;

import dev.fulfilment.contracts.Contract;
import java.util.List;

/** Reserve every line of the order, all or nothing. */
@Contract(queue = INVENTORY_COMMANDS)
public record ReserveInventory(List<OrderLine> lines) implements MessagePayload {}
