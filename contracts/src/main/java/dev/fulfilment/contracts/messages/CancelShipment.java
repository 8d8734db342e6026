package dev.fulfilment.contracts.messages;

import static dev.fulfilment.contracts.Destination.SHIPPING_COMMANDS;

import dev.fulfilment.contracts.Contract;

/** Cancel the order's shipment unless it is dispatched. */
@Contract(queue = SHIPPING_COMMANDS)
public record CancelShipment(String reason) implements MessagePayload {}
