package dev.fulfilment.support.json;

import static java.lang.annotation.ElementType.FIELD;
import static java.lang.annotation.ElementType.PARAMETER;
import static java.lang.annotation.ElementType.TYPE_USE;
import static java.lang.annotation.RetentionPolicy.RUNTIME;

import jakarta.validation.Constraint;
import jakarta.validation.Payload;
import jakarta.validation.constraints.Pattern;
import java.lang.annotation.Documented;
import java.lang.annotation.Retention;
import java.lang.annotation.Target;

/**
 * Text without control characters, for the query parameters and headers a request carries
 * (bodies are checked for every text field by {@link StrictJson}): one is a 400 naming the
 * parameter.
 */
@Documented
@Constraint(validatedBy = {})
@Pattern(regexp = "[^\\p{Cc}]*", message = PlainText.MESSAGE)
@Target({PARAMETER, FIELD, TYPE_USE})
@Retention(RUNTIME)
public @interface PlainText {

    String MESSAGE = "must not contain control characters";

    String message() default "";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};
}
