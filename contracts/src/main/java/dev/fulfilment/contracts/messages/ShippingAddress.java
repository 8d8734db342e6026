package dev.fulfilment.contracts.messages;

/** Where a shipment goes; country is an ISO 3166-1 alpha-2 code. */
public record ShippingAddress(
        String recipient, String line1, String line2, String city, String postalCode, String country) {}
