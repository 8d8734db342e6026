package dev.fulfilment.support.json;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;

/** A text field of a request body holds a control character (NUL, a line break, ...). */
public final class ControlCharacterException extends InvalidFormatException {

    ControlCharacterException(JsonParser parser, String value) {
        super(parser, "a text field holds a control character", value, String.class);
    }
}
