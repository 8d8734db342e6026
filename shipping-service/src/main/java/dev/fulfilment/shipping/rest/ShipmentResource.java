package dev.fulfilment.shipping.rest;

import dev.fulfilment.shipping.service.ShipmentService;
import dev.fulfilment.support.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

/**
 * Shipments: read by the warehouse, the carrier and the back office; dispatched by the
 * warehouse's system, delivered by the carrier's.
 */
@Path("/shipments")
@Produces(MediaType.APPLICATION_JSON)
public class ShipmentResource {

    private final ShipmentService shipments;

    ShipmentResource(ShipmentService shipments) {
        this.shipments = shipments;
    }

    @GET
    @Path("/{id}")
    @RolesAllowed({Roles.SHIPMENTS_READ, Roles.OPERATOR})
    @Operation(summary = "One shipment")
    @APIResponse(responseCode = "404", description = "No such shipment")
    public ShipmentView get(@PathParam("id") UUID id) {
        return ShipmentView.of(shipments.find(id));
    }

    @GET
    @RolesAllowed({Roles.SHIPMENTS_READ, Roles.OPERATOR})
    @Operation(summary = "The shipment of an order (a list of at most one)")
    public List<ShipmentView> byOrder(@QueryParam("orderId") @NotNull UUID orderId) {
        return shipments.findByOrder(orderId).map(ShipmentView::of).stream().toList();
    }

    @POST
    @Path("/{id}/dispatch")
    @RolesAllowed(Roles.SHIPMENTS_DISPATCH)
    @Operation(
            summary = "The warehouse handed the shipment to the carrier",
            description = "Sends ShipmentDispatched. Repeating it changes nothing.")
    @APIResponse(responseCode = "409", description = "Cancelled or already delivered")
    public ShipmentView dispatch(@PathParam("id") UUID id) {
        return ShipmentView.of(shipments.dispatch(id));
    }

    @POST
    @Path("/{id}/deliver")
    @RolesAllowed(Roles.SHIPMENTS_DELIVER)
    @Operation(
            summary = "The carrier delivered the shipment",
            description = "Sends ShipmentDelivered. Repeating it changes nothing.")
    @APIResponse(responseCode = "409", description = "Not dispatched yet, or cancelled")
    public ShipmentView deliver(@PathParam("id") UUID id) {
        return ShipmentView.of(shipments.deliver(id));
    }
}
