package dev.fulfilment.devstack.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.jose4j.jwa.AlgorithmConstraints;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jwt.consumer.InvalidJwtException;
import org.jose4j.jwt.consumer.JwtConsumerBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalIssuerTests {

    @TempDir
    Path directory;

    @Test
    void theKeyIsMadeOnceAndKeptPrivateSoThatEarlierTokensStayValid() throws Exception {
        var token = LocalIssuer.in(directory).token(LocalIssuer.Caller.CUSTOMER, "c-1");

        var again = LocalIssuer.in(directory);

        var claims = new JwtConsumerBuilder()
                .setVerificationKey(again.publicKey())
                .setJwsAlgorithmConstraints(
                        AlgorithmConstraints.ConstraintType.PERMIT, AlgorithmIdentifiers.RSA_USING_SHA256)
                .setExpectedIssuer(LocalIssuer.CUSTOMERS_ISSUER)
                .setRequireExpirationTime()
                .setRequireSubject()
                .build()
                .processToClaims(token);
        assertThat(claims.getSubject()).isEqualTo("c-1");
        assertThat(claims.getStringClaimValue("token_use")).isEqualTo("access");
        assertThat(claims.getStringClaimValue("client_id")).isEqualTo("dev-stack-web");
        assertThat(Files.getPosixFilePermissions(directory.resolve("signing-key.pk8")))
                .isEqualTo(PosixFilePermissions.fromString("rw-------"));
    }

    @Test
    void anotherFolderMeansAnotherKeyWhoseTokensDoNotVerify(@TempDir Path elsewhere) {
        var token = LocalIssuer.in(elsewhere).token(LocalIssuer.Caller.OPERATOR, "op");

        var consumer = new JwtConsumerBuilder()
                .setVerificationKey(LocalIssuer.in(directory).publicKey())
                .setSkipDefaultAudienceValidation()
                .build();

        org.assertj.core.api.Assertions.assertThatThrownBy(() -> consumer.processToClaims(token))
                .isInstanceOf(InvalidJwtException.class);
    }

    @Test
    void machineClientsCarryTheirScopesAndOperatorsTheirGroup() throws Exception {
        var issuer = LocalIssuer.in(directory);

        var warehouse = issuer.claims(LocalIssuer.Caller.WAREHOUSE, "dev-stack-warehouse");
        var operator = issuer.claims(LocalIssuer.Caller.OPERATOR, "op");

        assertThat(warehouse.getIssuer()).isEqualTo(LocalIssuer.STAFF_ISSUER);
        assertThat(warehouse.getStringClaimValue("scope"))
                .isEqualTo("fulfilment/shipments.read fulfilment/shipments.dispatch");
        assertThat(operator.getStringListClaimValue("cognito:groups")).containsExactly("operator");
    }

    @Test
    void dockerComposeTrustsTheSameIssuersAndClients() throws Exception {
        var compose = Files.readString(Path.of("..", "docker-compose.yml"));

        LocalIssuer.in(directory).serviceConfiguration().forEach((property, value) -> {
            if (!property.endsWith("public-key")) {
                var variable = property.replaceAll("[^A-Za-z0-9]", "_").toUpperCase(java.util.Locale.ROOT);
                assertThat(compose).as(property).contains(variable + ": " + value);
            }
        });
    }
}
