package dev.fulfilment.support.problem;

import java.util.List;

/** A request that is well-formed but invalid in a way Bean Validation cannot say, naming the field. */
public class InvalidRequestException extends DomainException {

    private final String field;

    public InvalidRequestException(String field, String message) {
        super(400, "invalid-request", "The request is invalid", field + ": " + message);
        this.field = field;
    }

    @Override
    public List<Problem.FieldError> fieldErrors() {
        return List.of(new Problem.FieldError(field, getMessage().substring(field.length() + 2)));
    }
}
