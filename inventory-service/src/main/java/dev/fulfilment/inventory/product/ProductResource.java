package dev.fulfilment.inventory.product;

import dev.fulfilment.inventory.InventoryConfig;
import dev.fulfilment.support.problem.InvalidRequestException;
import dev.fulfilment.support.security.Roles;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.EntityTag;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.math.BigDecimal;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

/** The catalogue with its stock: read by anyone, written by operators. */
@Path("/inventory")
@Produces(MediaType.APPLICATION_JSON)
public class ProductResource {

    /** The longest page of GET /inventory; BatchGetItem reads this many products in one call. */
    static final int MAX_PAGE = 100;

    private final ProductRepository products;
    private final String currency;

    ProductResource(ProductRepository products, InventoryConfig config) {
        this.products = products;
        this.currency = config.currency();
    }

    /**
     * What an operator sends to create a product or describe it.
     *
     * @param available the stock of a new product; for one that exists, an absolute count that
     *     needs If-Match (adjustments change it relatively)
     */
    public record ProductChange(
            @NotBlank @Size(max = 200) String name,

            @NotNull @DecimalMin("0.00") @Digits(integer = 10, fraction = 2)
            BigDecimal unitPrice,

            @PositiveOrZero @Max(1_000_000_000) Long available) {}

    @GET
    @PermitAll
    @Operation(
            summary = "The catalogue with prices and stock, a page at a time",
            description = "Pages of at most " + MAX_PAGE + " products, in a stable order that is not alphabetical: "
                    + "the catalogue is spread over partitions and listed one partition after another. "
                    + "A product created a moment ago may appear a moment later.")
    @APIResponse(responseCode = "200", description = "A page; nextCursor is absent on the last one")
    @APIResponse(responseCode = "400", description = "Invalid limit or cursor")
    public ProductPage list(
            @QueryParam("limit") @DefaultValue("50") @Min(1) @Max(MAX_PAGE) int limit,
            @QueryParam("cursor") @Size(max = 200) String cursor) {
        var page = products.page(limit, cursor == null ? null : CatalogueCursors.decode(cursor));
        return new ProductPage(
                page.products().stream()
                        .map(product -> ProductView.of(product, currency))
                        .toList(),
                page.next() == null ? null : CatalogueCursors.encode(page.next()));
    }

    @GET
    @Path("/{sku}")
    @PermitAll
    @Operation(summary = "One product with its price and stock; its ETag is what If-Match takes")
    @APIResponse(
            responseCode = "200",
            description = "The product",
            headers = @Header(name = HttpHeaders.ETAG, description = "The product's version"))
    @APIResponse(responseCode = "404", description = "No such sku")
    public Response get(
            @PathParam("sku") @Pattern(regexp = Product.SKU_PATTERN, message = Product.SKU_RULE) String sku) {
        var product = products.find(sku).orElseThrow(() -> new ProductNotFoundException(sku));
        return withVersion(Response.ok(ProductView.of(product, currency)), product);
    }

    @PUT
    @Path("/{sku}")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.OPERATOR)
    @Operation(
            summary = "Create a product, or set its name and price",
            description = "A new product starts with `available` units (0 if absent). For a product that exists, "
                    + "name and price are set; `available` too, as an absolute count, only with If-Match "
                    + "carrying the ETag of the product as read, so that no reservation made since is "
                    + "overwritten. To add or remove units, POST an adjustment.")
    @APIResponse(responseCode = "201", description = "The product was created")
    @APIResponse(responseCode = "200", description = "The product was updated")
    @APIResponse(responseCode = "400", description = "Invalid sku, body or If-Match")
    @APIResponse(responseCode = "412", description = "If-Match names a version that is no longer current")
    @APIResponse(responseCode = "428", description = "An absolute `available` was sent without If-Match")
    public Response put(
            @PathParam("sku") @Pattern(regexp = Product.SKU_PATTERN, message = Product.SKU_RULE) String sku,
            @Parameter(description = "The ETag of the product as read, e.g. \"7\"") @HeaderParam(HttpHeaders.IF_MATCH)
                    String ifMatch,
            @Valid @NotNull ProductChange change) {
        var expectedVersion = ifMatch == null ? null : versionOf(ifMatch);
        if (expectedVersion == null) {
            var created = products.create(
                    sku, change.name(), change.unitPrice(), change.available() == null ? 0 : change.available());
            if (created.isPresent()) {
                return withVersion(
                        Response.status(Response.Status.CREATED).entity(ProductView.of(created.get(), currency)),
                        created.get());
            }
            if (change.available() != null) {
                throw new VersionRequiredException(sku);
            }
        }
        var updated = change.available() == null
                ? products.describe(sku, change.name(), change.unitPrice(), expectedVersion)
                : products.replace(sku, change.name(), change.unitPrice(), change.available(), expectedVersion);
        var product = updated.orElseThrow(() -> new ProductNotFoundException(sku));
        return withVersion(Response.ok(ProductView.of(product, currency)), product);
    }

    private static Response withVersion(Response.ResponseBuilder response, Product product) {
        return response.tag(new EntityTag(Long.toString(product.version()))).build();
    }

    private static long versionOf(String ifMatch) {
        var value = ifMatch.trim();
        if (value.matches("^\"[0-9]{1,18}\"$")) {
            return Long.parseLong(value.substring(1, value.length() - 1));
        }
        throw new InvalidRequestException(HttpHeaders.IF_MATCH, "must be the ETag of the product, e.g. \"7\"");
    }
}
