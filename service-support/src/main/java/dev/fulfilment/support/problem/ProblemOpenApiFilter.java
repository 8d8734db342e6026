package dev.fulfilment.support.problem;

import io.quarkus.smallrye.openapi.OpenApiFilter;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.media.Schema;

/**
 * Every error response of every operation is a {@link Problem} in application/problem+json, in
 * the API description too: the operations name their error statuses and what they mean, and
 * this filter gives each the problem body once, and every operation a 500 and a 503 (with
 * Retry-After: a database or an AWS service that does not answer for now).
 */
@OpenApiFilter(OpenApiFilter.RunStage.BUILD)
public class ProblemOpenApiFilter implements OASFilter {

    static final String SCHEMA_NAME = "Problem";

    @Override
    public void filterOpenAPI(OpenAPI openAPI) {
        if (openAPI.getComponents() == null) {
            openAPI.setComponents(OASFactory.createComponents());
        }
        openAPI.getComponents().addSchema(SCHEMA_NAME, problemSchema());
        if (openAPI.getPaths() == null) {
            return;
        }
        for (var path : openAPI.getPaths().getPathItems().values()) {
            for (var operation : path.getOperations().values()) {
                if (operation.getResponses() == null) {
                    operation.setResponses(OASFactory.createAPIResponses());
                }
                if (operation.getResponses().getAPIResponse("500") == null) {
                    operation
                            .getResponses()
                            .addAPIResponse(
                                    "500",
                                    OASFactory.createAPIResponse()
                                            .description("Failed on the server's side; logged. Retrying may help."));
                }
                if (operation.getResponses().getAPIResponse("503") == null) {
                    operation
                            .getResponses()
                            .addAPIResponse(
                                    "503",
                                    OASFactory.createAPIResponse()
                                            .description("A system the service depends on does not answer for now; "
                                                    + "try again after Retry-After seconds")
                                            .addHeader(
                                                    "Retry-After",
                                                    OASFactory.createHeader()
                                                            .description("Seconds to wait before trying again")
                                                            .schema(OASFactory.createSchema()
                                                                    .addType(Schema.SchemaType.INTEGER))));
                }
                operation.getResponses().getAPIResponses().forEach((status, response) -> {
                    if (status.startsWith("4") || status.startsWith("5")) {
                        response.setContent(OASFactory.createContent()
                                .addMediaType(
                                        Problem.MEDIA_TYPE,
                                        OASFactory.createMediaType()
                                                .schema(OASFactory.createSchema()
                                                        .ref("#/components/schemas/" + SCHEMA_NAME))));
                    }
                });
            }
        }
    }

    /** The JSON shape of {@link Problem}; order-service's ApiDescriptionTests keeps the two in step. */
    static Schema problemSchema() {
        var fieldError = OASFactory.createSchema()
                .addType(Schema.SchemaType.OBJECT)
                .description("One invalid field: where it is in the request and what is wrong with it.")
                .properties(Map.of(
                        "field",
                                OASFactory.createSchema()
                                        .addType(Schema.SchemaType.STRING)
                                        .description("e.g. lines[0].quantity"),
                        "message", OASFactory.createSchema().addType(Schema.SchemaType.STRING)));
        return OASFactory.createSchema()
                .addType(Schema.SchemaType.OBJECT)
                .description("RFC 9457 problem details.")
                .properties(Map.of(
                        "type",
                        OASFactory.createSchema()
                                .addType(Schema.SchemaType.STRING)
                                .format("uri")
                                .description("Names the kind of problem"),
                        "title",
                        OASFactory.createSchema()
                                .addType(Schema.SchemaType.STRING)
                                .description("The kind of problem, the same for every occurrence"),
                        "status",
                        OASFactory.createSchema().addType(Schema.SchemaType.INTEGER),
                        "detail",
                        OASFactory.createSchema()
                                .addType(Schema.SchemaType.STRING)
                                .description("What went wrong this time"),
                        "instance",
                        OASFactory.createSchema()
                                .addType(Schema.SchemaType.STRING)
                                .description("The request path"),
                        "errors",
                        OASFactory.createSchema()
                                .addType(Schema.SchemaType.ARRAY)
                                .items(fieldError)
                                .description("One entry per invalid field, when the request was invalid")))
                .required(List.of("type", "title", "status"));
    }
}
