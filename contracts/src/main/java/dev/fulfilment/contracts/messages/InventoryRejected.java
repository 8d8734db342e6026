package dev.fulfilment.contracts.messages;

import java.util.List;

/** Nothing was reserved: the skus named are short or unknown. */
public record InventoryRejected(String reason, List<String> shortSkus, List<String> unknownSkus)
        implements MessagePayload {}
