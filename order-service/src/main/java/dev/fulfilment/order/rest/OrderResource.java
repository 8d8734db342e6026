package dev.fulfilment.order.rest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.fulfilment.order.OrderStatus;
import dev.fulfilment.order.idempotency.IdempotencyKeys;
import dev.fulfilment.order.service.Caller;
import dev.fulfilment.order.service.OrderQuery;
import dev.fulfilment.order.service.OrderReads;
import dev.fulfilment.order.service.OrderService;
import dev.fulfilment.support.idempotency.IdempotencyKey;
import dev.fulfilment.support.json.PlainText;
import dev.fulfilment.support.problem.InvalidRequestException;
import dev.fulfilment.support.security.Roles;
import io.opentelemetry.api.trace.Span;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.Valid;
import jakarta.validation.Validator;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
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
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

/**
 * The public ordering API: customers place, read, list and cancel their own orders; the back
 * office reads everyone's. Blocking JDBC: like every resource here, it runs on the worker
 * pool, not on virtual threads (docs/decisions/0018).
 */
@Path("/orders")
@Produces(MediaType.APPLICATION_JSON)
public class OrderResource {

    private final OrderService orders;
    private final OrderReads reads;
    private final IdempotencyKeys idempotencyKeys;
    private final SecurityIdentity identity;
    private final CancelRequests cancelRequests;

    OrderResource(
            OrderService orders,
            OrderReads reads,
            IdempotencyKeys idempotencyKeys,
            SecurityIdentity identity,
            ObjectMapper json,
            Validator validator) {
        this.orders = orders;
        this.reads = reads;
        this.idempotencyKeys = idempotencyKeys;
        this.identity = identity;
        this.cancelRequests = new CancelRequests(json, validator);
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.CUSTOMER)
    @Operation(
            summary = "Place an order",
            description = "For the signed-in customer (the token's subject). Accepted at once in status PENDING; "
                    + "GET the Location to follow it. With an Idempotency-Key, the same customer's same key "
                    + "and body return the first response again and place nothing; the same key with another "
                    + "body is refused with 422. Keys are the customer's own: another's never collides.")
    @APIResponse(
            responseCode = "202",
            description = "Accepted; the order is PENDING",
            content = @Content(schema = @Schema(implementation = OrderView.class)))
    @APIResponse(responseCode = "400", description = "Invalid body")
    @APIResponse(responseCode = "413", description = "Body larger than 16 KiB")
    @APIResponse(
            responseCode = "422",
            description = "Idempotency-Key reused with another body; or the order would take the customer past "
                    + "a limit of open orders or units (orders.limits)")
    public Response place(
            @Parameter(description = IdempotencyKey.DESCRIPTION) @HeaderParam("Idempotency-Key") @IdempotencyKey
                    String idempotencyKey,
            @Valid @NotNull PlaceOrderRequest request) {
        var customer = Callers.customer(identity);
        var command = request.toCommand(customer);
        if (idempotencyKey == null) {
            var order = orders.place(command);
            return accepted(order.id, OrderView.of(order), false);
        }
        var response = idempotencyKeys.once(customer.id(), idempotencyKey, request, () -> {
            var order = orders.place(command);
            return new IdempotencyKeys.FirstResponse(order.id, OrderView.of(order));
        });
        return accepted(response.orderId(), response.body(), response.replayed());
    }

    @GET
    @Path("/{id}")
    @RolesAllowed({Roles.CUSTOMER, Roles.OPERATOR})
    @Operation(
            summary = "An order with its status and its timeline",
            description = "A customer reads its own orders; an operator reads any.")
    @APIResponse(responseCode = "200", description = "The order")
    @APIResponse(responseCode = "404", description = "No such order (of this customer's)")
    public OrderView get(@PathParam("id") UUID id) {
        Span.current().setAttribute("order.id", id.toString());
        return OrderView.of(reads.find(id, Callers.of(identity)));
    }

    @GET
    @RolesAllowed({Roles.CUSTOMER, Roles.OPERATOR})
    @Operation(
            summary = "Orders, newest first, a page at a time",
            description = "A customer's listing holds its own orders only; an operator's holds everyone's, "
                    + "or one customer's with customerId.")
    @APIResponse(responseCode = "200", description = "A page; nextCursor is absent on the last one")
    @APIResponse(responseCode = "400", description = "Invalid filter, limit or cursor")
    public OrderPage list(
            @Parameter(description = "Only this customer's orders (for operators; a customer sees its own)")
                    @QueryParam("customerId")
                    @Size(max = 64)
                    @PlainText
                    String customerId,
            @QueryParam("status") OrderStatus status,
            @Parameter(
                            description =
                                    "Only the orders the saga gave up on (true: an operator must look), or only the others")
                    @QueryParam("stuck")
                    Boolean stuck,
            @QueryParam("limit") @DefaultValue("20") @Min(1) @Max(100) int limit,
            @QueryParam("cursor") @Size(max = 200) @PlainText String cursor) {
        var after = cursor == null ? null : OrderCursor.decode(cursor);
        return OrderPage.of(reads.list(new OrderQuery(customerId, status, stuck, limit, after), Callers.of(identity)));
    }

    @POST
    @Path("/{id}/cancel")
    @RolesAllowed({Roles.CUSTOMER, Roles.OPERATOR})
    @Operation(
            summary = "Cancel an order",
            description =
                    "A customer cancels its own orders; an operator any, saying why (an order that holds stock "
                            + "without a purchase behind it, one the warehouse cannot fill). Allowed until the shipment is "
                            + "dispatched. The order goes to CANCELLING at once, then to CANCELLED when the shipment is "
                            + "cancelled and the stock released; the timeline says who asked. Cancelling again changes nothing.")
    @APIResponse(responseCode = "202", description = "The cancel is under way (or done)")
    @APIResponse(responseCode = "400", description = "An operator's cancel without a reason; an invalid reason")
    @APIResponse(responseCode = "404", description = "No such order (of this customer's)")
    @APIResponse(responseCode = "409", description = "Too late: shipped, delivered or rejected")
    @RequestBody(
            required = false,
            description = "Why: required of an operator, optional for the customer",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = CancelRequest.class)))
    public Response cancel(@PathParam("id") UUID id, String body) {
        var caller = Callers.of(identity);
        // The body is read here, not bound: a customer's cancel has none, and no content type.
        var request = body == null || body.isBlank() ? null : cancelRequests.read(body);
        var reason = switch (caller) {
            case Caller.Customer ignored -> request == null ? "customer request" : "customer: " + request.reason();
            case Caller.BackOffice operator -> {
                if (request == null) {
                    throw new InvalidRequestException("reason", "an operator's cancel says why");
                }
                yield "operator " + operator.name() + ": " + request.reason();
            }
        };
        var order = orders.cancel(id, caller, reason);
        return Response.accepted(OrderView.of(order)).build();
    }

    /** Why an order is cancelled: optional for its customer, required of an operator. */
    public record CancelRequest(@NotBlank @Size(max = 200) String reason) {}

    /** A cancel's body, read and checked as a bound body is (the same 400s). */
    private record CancelRequests(ObjectMapper json, Validator validator) {

        CancelRequest read(String body) {
            CancelRequest request;
            try {
                request = json.readValue(body, CancelRequest.class);
            } catch (JsonProcessingException e) {
                throw new WebApplicationException(e, 400);
            }
            var violations = validator.validate(request);
            if (!violations.isEmpty()) {
                throw new ConstraintViolationException(violations);
            }
            return request;
        }
    }

    private static Response accepted(UUID orderId, Object body, boolean replayed) {
        // The request's span names the order, as every span of its saga does: one search finds them.
        Span.current().setAttribute("order.id", orderId.toString());
        // A relative reference (RFC 9110): behind the load balancer, which ends TLS, an absolute
        // one built from the request would say http:// and whatever Host the client sent.
        var response = Response.accepted(body)
                .type(MediaType.APPLICATION_JSON_TYPE)
                .header(HttpHeaders.LOCATION, "/orders/" + orderId);
        if (replayed) {
            response.header("Idempotent-Replayed", "true");
        }
        return response.build();
    }
}
