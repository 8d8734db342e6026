package dev.fulfilment.order.rest;

import dev.fulfilment.order.OrderLine;
import dev.fulfilment.order.ShippingAddress;
import dev.fulfilment.order.service.Caller;
import dev.fulfilment.order.service.PlaceOrder;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.List;

/** The body of POST /orders; the customer is the caller. */
public record PlaceOrderRequest(
        @NotNull @Size(min = 1, max = 50, message = "must hold 1 to 50 lines")
        List<@NotNull @Valid Line> lines,

        @NotNull @Valid Address shippingAddress) {

    /** A product and how many of it; each sku at most once per order. */
    public record Line(
            @NotNull
            @Pattern(regexp = "^[A-Z0-9][A-Z0-9-]{0,63}$", message = "must be upper-case letters, digits and dashes")
            String sku,

            @NotNull @Min(1) @Max(1000) Integer quantity) {}

    /** Where the order goes; country is an ISO 3166-1 alpha-2 code. */
    public record Address(
            @NotBlank @Size(max = 200) String recipient,
            @NotBlank @Size(max = 200) String line1,
            @Size(max = 200) String line2,
            @NotBlank @Size(max = 100) String city,
            @NotBlank @Size(max = 20) String postalCode,

            @NotNull @Pattern(regexp = "^[A-Z]{2}$", message = "must be an ISO 3166-1 alpha-2 code such as GB")
            String country) {}

    /** What the customer asks the order service to place. */
    PlaceOrder toCommand(Caller.Customer customer) {
        return new PlaceOrder(
                customer.id(),
                lines.stream()
                        .map(line -> new OrderLine(line.sku(), line.quantity()))
                        .toList(),
                new ShippingAddress(
                        shippingAddress.recipient(),
                        shippingAddress.line1(),
                        shippingAddress.line2(),
                        shippingAddress.city(),
                        shippingAddress.postalCode(),
                        shippingAddress.country()));
    }
}
