package dev.fulfilment.order.rest;

import dev.fulfilment.order.OrderStatus;
import dev.fulfilment.order.service.OrderService;
import dev.fulfilment.support.problem.Problem;
import io.smallrye.common.annotation.RunOnVirtualThread;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

/** The public ordering API. Blocking JDBC, so each request runs on a virtual thread. */
@Path("/orders")
@Produces(MediaType.APPLICATION_JSON)
@RunOnVirtualThread
public class OrderResource {

    private final OrderService orders;

    OrderResource(OrderService orders) {
        this.orders = orders;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(
            summary = "Place an order",
            description = "Accepted at once in status PENDING; GET the Location to follow it. With an Idempotency-Key, "
                    + "the same key and body return the first response again and place nothing; "
                    + "the same key with another body is refused with 422.")
    @APIResponse(
            responseCode = "202",
            description = "Accepted; the order is PENDING",
            content = @Content(schema = @Schema(implementation = OrderView.class)))
    @APIResponse(
            responseCode = "400",
            description = "Invalid body",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(
            responseCode = "422",
            description = "Idempotency-Key reused with another body",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response place(
            @Parameter(description = "Any unique string up to 200 characters, e.g. a UUID")
                    @HeaderParam("Idempotency-Key")
                    @Size(min = 1, max = 200)
                    String idempotencyKey,
            @HeaderParam("traceparent") String traceparent,
            @Valid @NotNull PlaceOrderRequest request,
            UriInfo uri) {
        var placement = orders.place(request, idempotencyKey, traceparent);
        var response = Response.accepted(placement.responseBody())
                .type(MediaType.APPLICATION_JSON_TYPE)
                .location(uri.getBaseUriBuilder()
                        .path("orders")
                        .path(placement.orderId().toString())
                        .build());
        if (placement.replayed()) {
            response.header("Idempotent-Replayed", "true");
        }
        return response.build();
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "An order with its status and its timeline")
    @APIResponse(responseCode = "200", description = "The order")
    @APIResponse(
            responseCode = "404",
            description = "No such order",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public OrderView get(@PathParam("id") UUID id) {
        return orders.find(id);
    }

    @GET
    @Operation(summary = "Orders, newest first, a page at a time")
    @APIResponse(responseCode = "200", description = "A page; nextCursor is absent on the last one")
    @APIResponse(
            responseCode = "400",
            description = "Invalid filter, limit or cursor",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public OrderPage list(
            @QueryParam("customerId") @Size(max = 64) String customerId,
            @Parameter(schema = @Schema(type = SchemaType.STRING, implementation = OrderStatus.class))
                    @QueryParam("status")
                    @Pattern(
                            regexp =
                                    "PENDING|INVENTORY_RESERVED|CONFIRMED|SHIPPED|DELIVERED|REJECTED|CANCELLING|CANCELLED",
                            message =
                                    "must be one of PENDING, INVENTORY_RESERVED, CONFIRMED, SHIPPED, DELIVERED, REJECTED, CANCELLING, CANCELLED")
                    String status,
            // A String, so that "ten" is a 400 naming the parameter rather than JAX-RS's 404.
            @QueryParam("limit")
                    @DefaultValue("20")
                    @Pattern(regexp = "^(100|[1-9][0-9]?)$", message = "must be a whole number from 1 to 100")
                    String limit,
            @QueryParam("cursor") @Size(max = 200) String cursor) {
        return orders.list(
                customerId, status == null ? null : OrderStatus.valueOf(status), Integer.parseInt(limit), cursor);
    }

    @POST
    @Path("/{id}/cancel")
    @Operation(
            summary = "Cancel an order",
            description =
                    "Allowed until the shipment is dispatched. The order goes to CANCELLING at once, then to "
                            + "CANCELLED when the shipment is cancelled and the stock released. Cancelling again changes nothing.")
    @APIResponse(responseCode = "202", description = "The cancel is under way (or done)")
    @APIResponse(
            responseCode = "404",
            description = "No such order",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(
            responseCode = "409",
            description = "Too late: shipped, delivered or rejected",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response cancel(@PathParam("id") UUID id, @HeaderParam("traceparent") String traceparent) {
        return Response.accepted(orders.cancel(id, "customer request", traceparent))
                .build();
    }
}
