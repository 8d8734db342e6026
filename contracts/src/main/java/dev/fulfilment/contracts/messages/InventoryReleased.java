package dev.fulfilment.contracts.messages;

import static dev.fulfilment.contracts.Destination.ORDER_EVENTS;

import dev.fulfilment.contracts.Contract;

/** The order holds no stock any more. */
@Contract(queue = ORDER_EVENTS)
public record InventoryReleased() implements MessagePayload {}
