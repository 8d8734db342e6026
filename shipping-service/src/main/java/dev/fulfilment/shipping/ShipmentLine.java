package dev.fulfilment.shipping;

/** A product and how many of it go in the shipment. */
public record ShipmentLine(String sku, int quantity) {}
