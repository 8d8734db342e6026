package dev.fulfilment.contracts.messages;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * Every line of the order is reserved. Since version 2 with the unit price of each line and
 * their currency, fixed at the moment of the reservation; version 1 has neither.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record InventoryReserved(List<ReservedLine> lines, String currency) implements MessagePayload {}
