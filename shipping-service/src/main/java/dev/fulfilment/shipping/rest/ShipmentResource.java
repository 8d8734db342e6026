package dev.fulfilment.shipping.rest;

import dev.fulfilment.shipping.service.ShipmentService;
import dev.fulfilment.support.problem.Problem;
import io.smallrye.common.annotation.RunOnVirtualThread;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

/** Shipments: read by anyone, dispatched by the warehouse, delivered by the carrier's callback. */
@Path("/shipments")
@Produces(MediaType.APPLICATION_JSON)
@RunOnVirtualThread
public class ShipmentResource {

    private static final String UUID_PATTERN =
            "^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$";

    private final ShipmentService shipments;

    ShipmentResource(ShipmentService shipments) {
        this.shipments = shipments;
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "One shipment")
    @APIResponse(
            responseCode = "404",
            description = "No such shipment",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public ShipmentView get(@PathParam("id") UUID id) {
        return shipments.find(id);
    }

    @GET
    @Operation(summary = "The shipment of an order (a list of at most one)")
    public List<ShipmentView> byOrder(
            // A String, so that a malformed id is a 400 naming the parameter rather than JAX-RS's 404.
            @QueryParam("orderId") @NotNull @Pattern(regexp = UUID_PATTERN, message = "must be a UUID")
                    String orderId) {
        return shipments.findByOrder(UUID.fromString(orderId));
    }

    @POST
    @Path("/{id}/dispatch")
    @Operation(
            summary = "The warehouse handed the shipment to the carrier",
            description = "Sends ShipmentDispatched. Repeating it changes nothing.")
    @APIResponse(
            responseCode = "409",
            description = "Cancelled or already delivered",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public ShipmentView dispatch(@PathParam("id") UUID id, @HeaderParam("traceparent") String traceparent) {
        return shipments.dispatch(id, traceparent);
    }

    @POST
    @Path("/{id}/deliver")
    @Operation(
            summary = "The carrier delivered the shipment",
            description = "Sends ShipmentDelivered. Repeating it changes nothing.")
    @APIResponse(
            responseCode = "409",
            description = "Not dispatched yet, or cancelled",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public ShipmentView deliver(@PathParam("id") UUID id, @HeaderParam("traceparent") String traceparent) {
        return shipments.deliver(id, traceparent);
    }
}
