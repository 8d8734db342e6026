package dev.fulfilment.inventory.stock;

import dev.fulfilment.inventory.InventoryConfig;
import dev.fulfilment.inventory.product.Product;
import dev.fulfilment.inventory.product.ProductNotFoundException;
import dev.fulfilment.inventory.product.ProductRepository;
import dev.fulfilment.support.idempotency.IdempotencyKey;
import dev.fulfilment.support.problem.InvalidRequestException;
import dev.fulfilment.support.security.Roles;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
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
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

/** Stock changes of a product, relative, and their audit trail: the back office's. */
@Path("/inventory/{sku}/adjustments")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.OPERATOR)
public class StockAdjustmentResource {

    private final StockAdjustments adjustments;
    private final ProductRepository products;
    private final String currency;

    private final SecurityIdentity identity;

    StockAdjustmentResource(
            StockAdjustments adjustments,
            ProductRepository products,
            InventoryConfig config,
            SecurityIdentity identity) {
        this.adjustments = adjustments;
        this.products = products;
        this.currency = config.currency();
        this.identity = identity;
    }

    /**
     * An adjustment an operator makes.
     *
     * @param quantity units to add (a delivery) or, negative, to remove (a count, damage)
     */
    public record AdjustmentRequest(
            @NotNull @Min(-1_000_000) @Max(1_000_000) Integer quantity,
            @NotBlank @Size(max = 200) String reason) {}

    /** An adjustment as the API shows it. */
    public record AdjustmentView(UUID id, int quantity, String reason, String by, Instant at) {

        static AdjustmentView of(StockAdjustment adjustment) {
            return new AdjustmentView(
                    adjustment.id(), adjustment.quantity(), adjustment.reason(), adjustment.by(), adjustment.at());
        }
    }

    /** The product's stock after an adjustment. */
    public record StockView(String sku, long available, long reserved, BigDecimal unitPrice, String currency) {

        static StockView of(Product product, String currency) {
            return new StockView(product.sku(), product.available(), product.reserved(), product.unitPrice(), currency);
        }
    }

    /** What POST answers: the adjustment and the stock after it. */
    public record AdjustmentResult(AdjustmentView adjustment, StockView stock) {}

    /** A page of the audit trail, newest first; nextCursor absent on the last. */
    public record AdjustmentPage(List<AdjustmentView> items, String nextCursor) {}

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(
            summary = "Add or remove units",
            description = "Relative, so that it never overwrites what orders reserved meanwhile; never below zero "
                    + "available. With an Idempotency-Key, a retry of the same adjustment applies once.")
    @APIResponse(responseCode = "201", description = "Applied")
    @APIResponse(responseCode = "200", description = "Applied before under the same Idempotency-Key; not again")
    @APIResponse(responseCode = "400", description = "Invalid sku or body")
    @APIResponse(responseCode = "404", description = "No such sku")
    @APIResponse(responseCode = "409", description = "Fewer units available than would be removed")
    @APIResponse(responseCode = "422", description = "Idempotency-Key reused with another adjustment")
    public Response adjust(
            @PathParam("sku") @Pattern(regexp = Product.SKU_PATTERN, message = Product.SKU_RULE) String sku,
            @Parameter(description = IdempotencyKey.DESCRIPTION) @HeaderParam("Idempotency-Key") @IdempotencyKey
                    String idempotencyKey,
            @Valid @NotNull AdjustmentRequest request) {
        if (request.quantity() == 0) {
            throw new InvalidRequestException("quantity", "must not be 0");
        }
        var applied = adjustments.adjust(
                sku,
                request.quantity(),
                request.reason(),
                identity.getPrincipal().getName(),
                idempotencyKey);
        var result = new AdjustmentResult(
                AdjustmentView.of(applied.adjustment()), StockView.of(applied.product(), currency));
        return Response.status(applied.replayed() ? Response.Status.OK : Response.Status.CREATED)
                .entity(result)
                .header("Idempotent-Replayed", applied.replayed() ? "true" : null)
                .build();
    }

    @GET
    @Operation(summary = "A product's adjustments, newest first, a page at a time")
    @APIResponse(responseCode = "200", description = "A page")
    @APIResponse(responseCode = "404", description = "No such sku")
    public AdjustmentPage history(
            @PathParam("sku") @Pattern(regexp = Product.SKU_PATTERN, message = Product.SKU_RULE) String sku,
            @QueryParam("limit") @DefaultValue("20") @Min(1) @Max(100) int limit,
            @QueryParam("cursor") @Size(max = 300) String cursor) {
        if (products.find(sku).isEmpty()) {
            throw new ProductNotFoundException(sku);
        }
        var page = adjustments.history(sku, limit, cursor == null ? null : decode(cursor));
        return new AdjustmentPage(
                page.adjustments().stream().map(AdjustmentView::of).toList(),
                page.nextSortKey() == null ? null : encode(page.nextSortKey()));
    }

    private static String encode(String sortKey) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(sortKey.getBytes(StandardCharsets.UTF_8));
    }

    private static String decode(String cursor) {
        try {
            var sortKey = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
            if (!sortKey.matches("^ADJUSTMENT#[0-9T:.Z-]+#[0-9a-f-]{36}$")) {
                throw new IllegalArgumentException(sortKey);
            }
            return sortKey;
        } catch (RuntimeException e) {
            throw new InvalidRequestException("cursor", "is not a cursor this API returned");
        }
    }
}
