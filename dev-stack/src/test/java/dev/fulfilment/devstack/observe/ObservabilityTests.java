package dev.fulfilment.devstack.observe;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import org.junit.jupiter.api.Test;

class ObservabilityTests {

    @Test
    void prometheusScrapesEveryServicesManagementPortLabelledWithTheService() throws Exception {
        var ports = new LinkedHashMap<String, Integer>();
        ports.put("order-service", 9081);
        ports.put("inventory-service", 9082);
        ports.put("shipping-service", 9083);

        var config = new ObjectMapper(new YAMLFactory()).readTree(Observability.scrapeConfiguration(ports));

        var job = config.path("scrape_configs").path(0);
        assertThat(job.path("metrics_path").asText()).isEqualTo("/q/metrics");
        var scraped = new ArrayList<String>();
        for (JsonNode target : job.path("static_configs")) {
            scraped.add(target.path("labels").path("service").asText() + "@"
                    + target.path("targets").path(0).asText());
        }
        assertThat(scraped)
                .isEqualTo(List.of(
                        "order-service@127.0.0.1:9081",
                        "inventory-service@127.0.0.1:9082",
                        "shipping-service@127.0.0.1:9083"));
    }

    @Test
    void composesPrometheusScrapesWhatDevStacksDoesAtTheServicesContainers() throws Exception {
        var generated = new ObjectMapper(new YAMLFactory())
                .readTree(Observability.scrapeConfiguration(new LinkedHashMap<>()))
                .path("scrape_configs")
                .path(0);
        var compose = new ObjectMapper(new YAMLFactory())
                .readTree(Path.of("compose/prometheus.yml").toFile());

        var job = compose.path("scrape_configs").path(0);
        assertThat(job.path("job_name")).isEqualTo(generated.path("job_name"));
        assertThat(job.path("metrics_path")).isEqualTo(generated.path("metrics_path"));
        var scraped = new ArrayList<String>();
        for (JsonNode target : job.path("static_configs")) {
            scraped.add(target.path("labels").path("service").asText() + "@"
                    + target.path("targets").path(0).asText());
        }
        assertThat(scraped)
                .isEqualTo(List.of(
                        "order-service@order-service:9000",
                        "inventory-service@inventory-service:9000",
                        "shipping-service@shipping-service:9000"));
    }

    @Test
    void composesZipkinIsTheVersionDevStackRuns() throws Exception {
        var dockerfile = Files.readString(Path.of("../Dockerfile"));

        assertThat(dockerfile).contains("ARG ZIPKIN_VERSION=" + Observability.ZIPKIN_VERSION + "\n");
    }
}
