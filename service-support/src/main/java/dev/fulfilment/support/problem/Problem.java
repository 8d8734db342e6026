package dev.fulfilment.support.problem;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.net.URI;
import java.util.List;

/**
 * An RFC 9457 problem details body, sent as {@code application/problem+json}.
 *
 * @param type a URI naming the kind of problem
 * @param title the kind of problem, the same for every occurrence
 * @param status the HTTP status
 * @param detail what went wrong this time, for a person to read
 * @param instance the request path
 * @param errors one entry per invalid field, when the request body was invalid
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Problem(URI type, String title, int status, String detail, String instance, List<FieldError> errors) {

    public static final String MEDIA_TYPE = "application/problem+json";

    /** One invalid field: where it is in the request and what is wrong with it. */
    public record FieldError(String field, String message) {}
}
