package dev.fulfilment.contracts.messages;

import static dev.fulfilment.contracts.Destination.ORDER_EVENTS;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.fulfilment.contracts.Contract;
import java.util.List;

/**
 * Every line of the order is reserved. Since version 2 with the unit price of each line and
 * their currency, fixed at the moment of the reservation; version 1 has neither.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@Contract(
        queue = ORDER_EVENTS,
        versions = {1, 2})
public record InventoryReserved(List<ReservedLine> lines, String currency) implements MessagePayload {}
