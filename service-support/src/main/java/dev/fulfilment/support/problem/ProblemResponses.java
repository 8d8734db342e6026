package dev.fulfilment.support.problem;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import dev.fulfilment.support.json.ControlCharacterException;
import dev.fulfilment.support.json.PlainText;
import dev.fulfilment.support.resilience.DependencyFailures;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.Path;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.net.URI;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * The one place where every service turns an exception into an RFC 9457 response. Bad input
 * gets a 4xx naming the field; anything unexpected gets a 500 without internals, and a log
 * line with the stack trace.
 */
public class ProblemResponses {

    static final String TYPE_BASE = "https://order-fulfilment.dev/problems/";
    private static final Logger LOG = Logger.getLogger(ProblemResponses.class);
    /** Seconds a client should wait before trying again when a dependency is away. */
    static final String RETRY_AFTER_SECONDS = "2";

    @ServerExceptionMapper
    public Response domain(DomainException e, UriInfo uri) {
        var errors = e.fieldErrors().isEmpty() ? null : e.fieldErrors();
        return respond(new Problem(type(e.problemType()), e.title(), e.status(), e.getMessage(), path(uri), errors));
    }

    /** No token, on an endpoint that needs one. */
    @ServerExceptionMapper
    public Response unauthenticated(UnauthorizedException e, UriInfo uri) {
        return unauthorized("this request needs a bearer token", "Bearer", uri);
    }

    /** A token that is not valid here: signature, issuer, expiry, client, token type. */
    @ServerExceptionMapper
    public Response invalidToken(AuthenticationFailedException e, UriInfo uri) {
        return unauthorized(
                "the bearer token is not valid here (signature, issuer, expiry, client or type)",
                "Bearer error=\"invalid_token\"",
                uri);
    }

    /** A valid token without the role the request needs. */
    @ServerExceptionMapper
    public Response forbidden(ForbiddenException e, UriInfo uri) {
        return respond(new Problem(
                type("forbidden"),
                "Not allowed",
                403,
                "the caller may not do this; a token of another kind of caller is needed",
                path(uri),
                null));
    }

    private Response unauthorized(String detail, String challenge, UriInfo uri) {
        return Response.fromResponse(respond(
                        new Problem(type("unauthorized"), "Authentication required", 401, detail, path(uri), null)))
                .header(HttpHeaders.WWW_AUTHENTICATE, challenge)
                .build();
    }

    @ServerExceptionMapper
    public Response constraintViolation(ConstraintViolationException e, UriInfo uri) {
        var errors = e.getConstraintViolations().stream()
                .map(violation -> new Problem.FieldError(fieldOf(violation), violation.getMessage()))
                .sorted(Comparator.comparing(Problem.FieldError::field))
                .toList();
        var detail = errors.stream()
                .map(error -> error.field() + ": " + error.message())
                .collect(Collectors.joining("; "));
        return respond(new Problem(type("invalid-request"), "The request is invalid", 400, detail, path(uri), errors));
    }

    @ServerExceptionMapper
    public Response unknownField(UnrecognizedPropertyException e, UriInfo uri) {
        var field = jsonPath(e);
        return invalidBody("unknown field '" + field + "'", field, "is not a known field", uri);
    }

    @ServerExceptionMapper
    public Response controlCharacter(ControlCharacterException e, UriInfo uri) {
        var field = jsonPath(e);
        return invalidBody(field + " must not contain control characters", field, PlainText.MESSAGE, uri);
    }

    @ServerExceptionMapper
    public Response wrongValue(InvalidFormatException e, UriInfo uri) {
        var field = jsonPath(e);
        return invalidBody(
                field + ": '" + e.getValue() + "' is not a valid "
                        + e.getTargetType().getSimpleName(),
                field,
                "has a value of the wrong type",
                uri);
    }

    @ServerExceptionMapper
    public Response mismatchedInput(MismatchedInputException e, UriInfo uri) {
        var field = jsonPath(e);
        if (field.isEmpty()) {
            return invalidBody("the request body is missing or is not a JSON object", "", "must be a JSON object", uri);
        }
        return invalidBody(field + " has the wrong JSON type", field, "has the wrong JSON type", uri);
    }

    @ServerExceptionMapper
    public Response malformedJson(JsonParseException e, UriInfo uri) {
        var location = e.getLocation();
        var where = location == null ? "" : " at line " + location.getLineNr() + ", column " + location.getColumnNr();
        return respond(new Problem(
                type("malformed-json"),
                "The request body is not valid JSON",
                400,
                "malformed JSON" + where + ": " + e.getOriginalMessage(),
                path(uri),
                null));
    }

    @ServerExceptionMapper
    public Response otherJson(JsonProcessingException e, UriInfo uri) {
        return respond(new Problem(
                type("malformed-json"),
                "The request body is not valid JSON",
                400,
                e.getOriginalMessage(),
                path(uri),
                null));
    }

    @ServerExceptionMapper
    public Response webApplication(WebApplicationException e, UriInfo uri) {
        // Quarkus REST wraps body-reading and parameter-conversion failures: answer those as
        // the problem they are.
        switch (e.getCause()) {
            case DomainException cause -> {
                return domain(cause, uri);
            }
            case UnrecognizedPropertyException cause -> {
                return unknownField(cause, uri);
            }
            case ControlCharacterException cause -> {
                return controlCharacter(cause, uri);
            }
            case InvalidFormatException cause -> {
                return wrongValue(cause, uri);
            }
            case MismatchedInputException cause -> {
                return mismatchedInput(cause, uri);
            }
            case JsonParseException cause -> {
                return malformedJson(cause, uri);
            }
            case JsonProcessingException cause -> {
                return otherJson(cause, uri);
            }
            case null, default -> {
                // an HTTP status of its own
            }
        }
        var status = e.getResponse().getStatusInfo();
        var detail = status.getStatusCode() >= 500 ? status.getReasonPhrase() : e.getMessage();
        return respond(new Problem(
                type(slug(status.getReasonPhrase())),
                status.getReasonPhrase(),
                status.getStatusCode(),
                detail,
                path(uri),
                null));
    }

    @ServerExceptionMapper
    public Response unexpected(Exception e, UriInfo uri) {
        if (DependencyFailures.isTransient(e)) {
            LOG.warnf("Unavailable for %s: %s", path(uri), DependencyFailures.rootMessage(e));
            return Response.fromResponse(respond(new Problem(
                            type("service-unavailable"),
                            "Service briefly unavailable",
                            503,
                            "A system this service depends on does not answer right now. Try again in a few "
                                    + "seconds; with the same Idempotency-Key a retry never applies twice.",
                            path(uri),
                            null)))
                    .header(HttpHeaders.RETRY_AFTER, RETRY_AFTER_SECONDS)
                    .build();
        }
        LOG.errorf(e, "Unexpected failure on %s", path(uri));
        return respond(new Problem(
                type("internal-error"),
                "Internal error",
                500,
                "The request failed on our side; it is logged. Retrying may help.",
                path(uri),
                null));
    }

    private Response invalidBody(String detail, String field, String message, UriInfo uri) {
        return respond(new Problem(
                type("invalid-request"),
                "The request is invalid",
                400,
                detail,
                path(uri),
                List.of(new Problem.FieldError(field, message))));
    }

    public static Response respond(Problem problem) {
        return Response.status(problem.status())
                .type(Problem.MEDIA_TYPE)
                .entity(problem)
                .build();
    }

    public static URI type(String slug) {
        return URI.create(TYPE_BASE + slug);
    }

    private static String path(UriInfo uri) {
        return uri == null ? null : "/" + uri.getPath().replaceFirst("^/", "");
    }

    private static String slug(String phrase) {
        return phrase.toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9]+", "-");
    }

    /** lines[0].quantity from a Jackson reference chain. */
    static String jsonPath(JsonMappingException e) {
        var path = new StringBuilder();
        for (var reference : e.getPath()) {
            if (reference.getIndex() >= 0) {
                path.append('[').append(reference.getIndex()).append(']');
            } else if (reference.getFieldName() != null) {
                if (!path.isEmpty()) {
                    path.append('.');
                }
                path.append(reference.getFieldName());
            }
        }
        return path.toString();
    }

    /**
     * lines[0].quantity from a Bean Validation path: the property path inside the request body,
     * or the parameter's name when the parameter itself (a query parameter, say) is invalid.
     */
    static String fieldOf(ConstraintViolation<?> violation) {
        String parameter = null;
        var field = new StringBuilder();
        for (Path.Node node : violation.getPropertyPath()) {
            switch (node.getKind()) {
                case PARAMETER -> parameter = node.getName();
                case PROPERTY, BEAN -> {
                    if (node.getIndex() != null) {
                        field.append('[').append(node.getIndex()).append(']');
                    } else if (node.getKey() != null) {
                        field.append('[').append(node.getKey()).append(']');
                    }
                    if (node.getName() != null) {
                        field.append(field.isEmpty() ? "" : ".").append(node.getName());
                    }
                }
                case CONTAINER_ELEMENT -> {
                    if (node.getIndex() != null) {
                        field.append('[').append(node.getIndex()).append(']');
                    }
                }
                default -> {
                    // method, return value, cross-parameter: not part of what the client sent
                }
            }
        }
        return field.isEmpty() && parameter != null ? parameter : field.toString();
    }
}
