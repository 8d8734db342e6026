package dev.fulfilment.support.problem;

import java.util.List;

/**
 * A request the domain refuses, carrying the HTTP status it means and a stable problem type.
 * Subclasses name the situation ({@code OrderNotFoundException}), not the status.
 */
public abstract class DomainException extends RuntimeException {

    private final int status;
    private final String problemType;
    private final String title;

    protected DomainException(int status, String problemType, String title, String detail) {
        super(detail);
        this.status = status;
        this.problemType = problemType;
        this.title = title;
    }

    public int status() {
        return status;
    }

    /** The last segment of the problem type URI, e.g. {@code order-not-found}. */
    public String problemType() {
        return problemType;
    }

    public String title() {
        return title;
    }

    /** The invalid fields, when the problem is with fields of the request. */
    public List<Problem.FieldError> fieldErrors() {
        return List.of();
    }
}
