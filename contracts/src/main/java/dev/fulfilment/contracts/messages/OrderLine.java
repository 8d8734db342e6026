package dev.fulfilment.contracts.messages;

/** One line of an order: a product and how many of it. */
public record OrderLine(String sku, int quantity) {}
