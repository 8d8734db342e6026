package dev.fulfilment.support.json;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.deser.std.StringDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.type.LogicalType;
import io.quarkus.jackson.ObjectMapperCustomizer;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.util.regex.Pattern;

/**
 * Request bodies mean what they say: {@code "quantity": 1.5} is not 1, {@code "quantity": "1"}
 * is not a number and {@code "customerId": 42} is not a string. Jackson would coerce each of
 * them quietly; here each is a 400 naming the field. No text holds a control character (NUL,
 * which PostgreSQL refuses to store, line breaks, escapes): that too is a 400 naming the field,
 * for every text of every body, so that no field can be forgotten. (Messages are checked
 * against their JSON Schema before they are read; see EnvelopeCodec.)
 */
@Singleton
public class StrictJson implements ObjectMapperCustomizer {

    /** Any character of Unicode's Cc category: U+0000 to U+001F and U+007F to U+009F. */
    static final Pattern CONTROL_CHARACTER = Pattern.compile("\\p{Cc}");

    @Override
    public void customize(ObjectMapper mapper) {
        mapper.registerModule(new SimpleModule("plain-text").addDeserializer(String.class, new PlainText()));
        mapper.disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT);
        for (var number : new LogicalType[] {LogicalType.Integer, LogicalType.Float, LogicalType.Boolean}) {
            mapper.coercionConfigFor(number).setCoercion(CoercionInputShape.String, CoercionAction.Fail);
        }
        mapper.coercionConfigFor(LogicalType.Textual)
                .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail);
    }

    /** Jackson's own reading of a string, refused when it holds a control character. */
    static final class PlainText extends StdScalarDeserializer<String> {

        PlainText() {
            super(String.class);
        }

        @Override
        public String deserialize(JsonParser parser, DeserializationContext context) throws IOException {
            var text = StringDeserializer.instance.deserialize(parser, context);
            if (text != null && CONTROL_CHARACTER.matcher(text).find()) {
                throw new ControlCharacterException(parser, text);
            }
            return text;
        }
    }
}
