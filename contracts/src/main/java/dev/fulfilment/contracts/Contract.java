package dev.fulfilment.contracts;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Makes a payload record a message type: the queue it travels on and the versions of its
 * schema this build knows ({@code schemas/<record's simple name>.v<version>.json}, one file per
 * version). {@link MessageType} finds every record so annotated through the build's index of
 * them, so a new message type is its schema, its record and the handler that acts on it.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface Contract {

    /** The queue every message of this type goes to, consumed by one service. */
    Destination queue();

    /** The schema versions this build reads; producers write the newest. */
    int[] versions() default {1};
}
