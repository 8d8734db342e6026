package dev.fulfilment.order;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;

/** Where the order goes. */
@Embeddable
public class ShippingAddress {

    @Column(name = "recipient", nullable = false)
    public String recipient;

    @Column(name = "address_line1", nullable = false)
    public String line1;

    @Column(name = "address_line2")
    public String line2;

    @Column(name = "city", nullable = false)
    public String city;

    @Column(name = "postal_code", nullable = false)
    public String postalCode;

    @Column(name = "country", nullable = false, columnDefinition = "bpchar")
    public String country;

    protected ShippingAddress() {}

    public ShippingAddress(
            String recipient, String line1, String line2, String city, String postalCode, String country) {
        this.recipient = recipient;
        this.line1 = line1;
        this.line2 = line2;
        this.city = city;
        this.postalCode = postalCode;
        this.country = country;
    }
}
