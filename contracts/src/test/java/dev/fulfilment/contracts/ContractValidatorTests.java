package dev.fulfilment.contracts;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fulfilment.contracts.messages.InventoryReserved;
import dev.fulfilment.contracts.messages.MessagePayload;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class ContractValidatorTests {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final ContractValidator validator = new ContractValidator();

    @Test
    void everyVersionOfEveryMessageTypeHasASchemaFileAndNoSchemaFileIsLeftOver() throws Exception {
        var declared = MessageType.all().stream()
                .flatMap(type ->
                        type.versions().stream().map(version -> ContractValidator.schemaFileName(type, version)))
                .collect(Collectors.toSet());
        try (var files = Files.list(Path.of("schemas"))) {
            var present = files.map(file -> file.getFileName().toString())
                    .filter(name -> !name.startsWith("envelope.") && !name.startsWith("common."))
                    .collect(Collectors.toSet());

            assertThat(present).isEqualTo(declared);
        }
    }

    @Test
    void everyPayloadRecordIsAMessageTypeFoundThroughTheBuildsIndex() throws Exception {
        var messages = Path.of("target/classes/dev/fulfilment/contracts/messages");
        try (var files = Files.list(messages)) {
            var payloadRecords = files.map(file -> file.getFileName().toString())
                    .filter(name -> name.endsWith(".class") && !name.contains("$"))
                    .map(name -> "dev.fulfilment.contracts.messages." + name.replace(".class", ""))
                    .map(ContractValidatorTests::load)
                    .filter(type -> type.isRecord() && MessagePayload.class.isAssignableFrom(type))
                    .collect(Collectors.toSet());

            assertThat(MessageType.all().stream().map(MessageType::payloadType).collect(Collectors.toSet()))
                    .isEqualTo(payloadRecords);
        }
    }

    @Test
    void aTypeSaysWhereItTravelsAndWhichVersionsItHasAsItsRecordsContractDoes() {
        var reserved = MessageType.of(InventoryReserved.class);

        assertThat(reserved.wireName()).isEqualTo("InventoryReserved");
        assertThat(reserved.destination()).isEqualTo(Destination.ORDER_EVENTS);
        assertThat(reserved.versions()).containsExactly(1, 2);
        assertThat(reserved.currentVersion()).isEqualTo(2);
        assertThat(MessageType.fromWireName("InventoryReserved")).contains(reserved);
        assertThat(MessageType.travellingTo(Destination.ORDER_EVENTS)).contains(reserved);
    }

    private static Class<?> load(String name) {
        try {
            return Class.forName(name);
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void aWellFormedReserveInventoryIsValid() throws Exception {
        assertThat(validator.violations(reserveInventory())).isEmpty();
    }

    @Test
    void aZeroQuantityIsNamedAsTheProblem() throws Exception {
        var message = reserveInventory();
        ((ObjectNode) message.at("/payload/lines/0")).put("quantity", 0);

        assertThat(validator.violations(message)).singleElement().asString().contains("quantity");
    }

    @Test
    void anUnknownPayloadFieldAMissingEnvelopeFieldAndABadUuidAreViolations() throws Exception {
        var extraField = reserveInventory();
        ((ObjectNode) extraField.get("payload")).put("discount", 10);
        var missingOrderId = reserveInventory();
        missingOrderId.remove("orderId");
        var badMessageId = reserveInventory();
        badMessageId.put("messageId", "42");

        assertThat(validator.violations(extraField)).isNotEmpty();
        assertThat(validator.violations(missingOrderId))
                .anySatisfy(violation -> assertThat(violation).contains("orderId"));
        assertThat(validator.violations(badMessageId))
                .anySatisfy(violation -> assertThat(violation).contains("messageId"));
    }

    @Test
    void unknownTypesUnsupportedVersionsAndNonObjectsAreRefused() throws Exception {
        var unknownType = reserveInventory();
        unknownType.put("type", "ChargeCard");
        var futureVersion = reserveInventory();
        futureVersion.put("version", 2);

        assertThat(validator.violations(unknownType)).containsExactly("unknown message type 'ChargeCard'");
        assertThat(validator.violations(futureVersion))
                .containsExactly("version 2 of ReserveInventory is not one this service reads (1)");
        assertThat(validator.violations(JSON.readTree("[1,2]")))
                .containsExactly("the message body is not a JSON object");
    }

    @Test
    void aTypeOfAnotherSchemaDoesNotPassAsThisOne() throws Exception {
        var message = reserveInventory();
        message.put("type", "InventoryRejected");

        assertThat(validator.violations(message)).isNotEmpty();
    }

    private static ObjectNode reserveInventory() throws Exception {
        return (ObjectNode) JSON.readTree("""
                {"messageId":"6f1c8d3e-2b4a-4c5d-8e9f-0a1b2c3d4e5f","type":"ReserveInventory","version":1,
                 "occurredAt":"2026-11-25T10:15:30Z","orderId":"0b7e4f5a-1c2d-4e3f-9a8b-7c6d5e4f3a2b",
                 "causationId":null,"traceparent":"00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01",
                 "payload":{"lines":[{"sku":"KEYBOARD-01","quantity":2}]}}""");
    }
}
