package dev.fulfilment.testkit;

import dev.fulfilment.contracts.messages.MessagePayload;
import java.lang.reflect.RecordComponent;
import java.math.BigDecimal;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

/**
 * A payload of any message type, its fields filled with plain values (a random UUID, "sample",
 * 1, an empty list, nested records filled the same way): for tests that go through every type
 * the records define, such as "every event on order-events is one an order understands".
 */
public final class SamplePayloads {

    private SamplePayloads() {}

    public static MessagePayload of(Class<? extends MessagePayload> type) {
        return (MessagePayload) sample(type);
    }

    private static Object sample(Class<?> type) {
        if (type.isRecord()) {
            var components = type.getRecordComponents();
            var types = Arrays.stream(components).map(RecordComponent::getType).toArray(Class<?>[]::new);
            var values = Arrays.stream(types).map(SamplePayloads::sample).toArray();
            try {
                return type.getDeclaredConstructor(types).newInstance(values);
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException("cannot make a sample " + type.getSimpleName(), e);
            }
        }
        if (type == UUID.class) {
            return UUID.randomUUID();
        }
        if (type == String.class) {
            return "sample";
        }
        if (type == int.class || type == Integer.class) {
            return 1;
        }
        if (type == long.class || type == Long.class) {
            return 1L;
        }
        if (type == boolean.class || type == Boolean.class) {
            return false;
        }
        if (type == BigDecimal.class) {
            return BigDecimal.ONE;
        }
        if (type == List.class) {
            return List.of();
        }
        throw new IllegalArgumentException("no sample value for " + type.getName() + ": add one here");
    }
}
