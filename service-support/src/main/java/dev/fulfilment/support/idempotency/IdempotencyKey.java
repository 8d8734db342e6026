package dev.fulfilment.support.idempotency;

import static java.lang.annotation.ElementType.FIELD;
import static java.lang.annotation.ElementType.PARAMETER;
import static java.lang.annotation.RetentionPolicy.RUNTIME;

import dev.fulfilment.support.json.PlainText;
import jakarta.validation.Constraint;
import jakarta.validation.Payload;
import jakarta.validation.constraints.Size;
import java.lang.annotation.Documented;
import java.lang.annotation.Retention;
import java.lang.annotation.Target;

/**
 * An {@code Idempotency-Key} header as every service takes it: any string of 1 to {@value
 * #MAX_LENGTH} characters without control characters (a UUID fits), remembered for {@code
 * idempotency.key-retention}. Another is a 400 naming the header.
 */
@Documented
@Constraint(validatedBy = {})
@Size(min = 1, max = IdempotencyKey.MAX_LENGTH)
@PlainText
@Target({PARAMETER, FIELD})
@Retention(RUNTIME)
public @interface IdempotencyKey {

    int MAX_LENGTH = 200;

    /** What OpenAPI says of the header. */
    String DESCRIPTION = "Any unique string up to 200 characters, e.g. a UUID";

    String message() default "";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};
}
