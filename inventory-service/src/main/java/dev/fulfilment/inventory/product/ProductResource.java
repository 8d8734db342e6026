package dev.fulfilment.inventory.product;

import io.smallrye.common.annotation.RunOnVirtualThread;
import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.math.BigDecimal;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

/** The catalogue with its stock: read by anyone, written by operators. */
@Path("/inventory")
@Produces(MediaType.APPLICATION_JSON)
@RunOnVirtualThread
public class ProductResource {

    private final ProductRepository products;

    ProductResource(ProductRepository products) {
        this.products = products;
    }

    /** What an operator sends to create or restock a product. */
    public record ProductChange(
            @NotBlank @Size(max = 200) String name,

            @NotNull @DecimalMin("0.00") @Digits(integer = 10, fraction = 2)
            BigDecimal unitPrice,

            @NotNull @PositiveOrZero @Max(1_000_000_000) Long available) {}

    @GET
    @Operation(summary = "Every product with its price and stock, ordered by sku")
    public List<Product> list() {
        return products.findAll();
    }

    @GET
    @Path("/{sku}")
    @Operation(summary = "One product with its price and stock")
    @APIResponse(responseCode = "200", description = "The product")
    @APIResponse(responseCode = "404", description = "No such sku")
    public Product get(
            @PathParam("sku")
                    @Pattern(regexp = Product.SKU_PATTERN, message = "must be upper-case letters, digits and dashes")
                    String sku) {
        return products.find(sku).orElseThrow(() -> new ProductNotFoundException(sku));
    }

    @PUT
    @Path("/{sku}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(
            summary = "Create a product, or set its name, price and available stock",
            description =
                    "Idempotent: the same request twice leaves the same product. Units reserved by orders are kept.")
    @APIResponse(responseCode = "201", description = "The product was created")
    @APIResponse(responseCode = "200", description = "The product was updated")
    @APIResponse(responseCode = "400", description = "Invalid sku or body")
    public Response put(
            @PathParam("sku")
                    @Pattern(regexp = Product.SKU_PATTERN, message = "must be upper-case letters, digits and dashes")
                    String sku,
            @Valid @NotNull ProductChange change) {
        var created = products.save(sku, change.name(), change.unitPrice(), change.available());
        var product = products.find(sku).orElseThrow();
        return Response.status(created ? Response.Status.CREATED : Response.Status.OK)
                .entity(product)
                .build();
    }
}
