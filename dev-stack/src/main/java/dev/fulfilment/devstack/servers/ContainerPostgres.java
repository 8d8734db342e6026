package dev.fulfilment.devstack.servers;

import org.testcontainers.DockerClientFactory;
import org.testcontainers.postgresql.PostgreSQLContainer;
import org.testcontainers.utility.DockerImageName;

/**
 * PostgreSQL in a container, through Testcontainers: the choice on a machine with a Docker
 * engine but without the PostgreSQL binaries. The superuser may create databases.
 */
public final class ContainerPostgres implements PostgresServer {

    private static final DockerImageName IMAGE = DockerImageName.parse(
                    "public.ecr.aws/docker/library/postgres:17-alpine")
            .asCompatibleSubstituteFor("postgres");

    private final PostgreSQLContainer container;

    private ContainerPostgres(PostgreSQLContainer container) {
        this.container = container;
    }

    static boolean dockerIsAvailable() {
        try {
            return DockerClientFactory.instance().isDockerAvailable();
        } catch (RuntimeException | LinkageError e) {
            return false;
        }
    }

    static ContainerPostgres start() {
        var container = new PostgreSQLContainer(IMAGE)
                .withDatabaseName("postgres")
                .withUsername("postgres")
                .withPassword("postgres")
                .withCommand("postgres", "-c", "fsync=off", "-c", "max_connections=200");
        container.start();
        return new ContainerPostgres(container);
    }

    @Override
    public String host() {
        return container.getHost();
    }

    @Override
    public int port() {
        return container.getFirstMappedPort();
    }

    @Override
    public String username() {
        return container.getUsername();
    }

    @Override
    public String password() {
        return container.getPassword();
    }

    @Override
    public void close() {
        container.stop();
    }
}
