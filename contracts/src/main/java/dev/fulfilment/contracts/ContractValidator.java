package dev.fulfilment.contracts;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Checks a whole message (envelope and payload) against the JSON Schema of its type and
 * version in {@code schemas/}. Every version a type lists is loaded once; a message of a
 * version this build does not know is refused. Thread-safe.
 */
public final class ContractValidator {

    static final String SCHEMA_BASE_URI = "https://contracts.order-fulfilment.dev/";

    private final Map<MessageType, Map<Integer, JsonSchema>> schemas = new HashMap<>();

    public ContractValidator() {
        var factory = JsonSchemaFactory.getInstance(
                SpecVersion.VersionFlag.V202012,
                builder ->
                        builder.schemaMappers(mappers -> mappers.mapPrefix(SCHEMA_BASE_URI, "classpath:contracts/")));
        var config =
                SchemaValidatorsConfig.builder().formatAssertionsEnabled(true).build();
        for (var type : MessageType.all()) {
            var byVersion = new TreeMap<Integer, JsonSchema>();
            for (var version : type.versions()) {
                var schema =
                        factory.getSchema(SchemaLocation.of(SCHEMA_BASE_URI + schemaFileName(type, version)), config);
                schema.initializeValidators();
                byVersion.put(version, schema);
            }
            schemas.put(type, byVersion);
        }
    }

    public static String schemaFileName(MessageType type, int version) {
        return type.wireName() + ".v" + version + ".json";
    }

    /** What is wrong with the message, one sentence per problem; empty when it is valid. */
    public List<String> violations(JsonNode message) {
        if (message == null || !message.isObject()) {
            return List.of("the message body is not a JSON object");
        }
        var typeName = message.path("type").asText("");
        var type = MessageType.fromWireName(typeName);
        if (type.isEmpty()) {
            return List.of("unknown message type '" + typeName + "'");
        }
        var version = message.path("version");
        var schema = version.isInt() ? schemas.get(type.get()).get(version.intValue()) : null;
        if (schema == null) {
            return List.of("version " + version + " of " + typeName + " is not one this service reads ("
                    + type.get().versions().stream().map(String::valueOf).collect(Collectors.joining(", ")) + ")");
        }
        return schema.validate(message).stream()
                .map(ValidationMessage::getMessage)
                .sorted()
                .toList();
    }
}
