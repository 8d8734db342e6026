package dev.fulfilment.support.tracing;

import io.opentelemetry.exporter.zipkin.ZipkinSpanExporter;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import io.quarkus.arc.lookup.LookupIfProperty;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Sends the recorded spans to a Zipkin server instead of over OTLP when {@code
 * tracing.zipkin.enabled=true}: locally, the trace UI that {@code ./dev-stack/start --observe}
 * starts. Quarkus's OTLP exporter steps aside whenever a span exporter bean is there; without
 * the property there is none, and in AWS the spans go over OTLP to the collector beside each
 * task, which sends them to X-Ray.
 */
@Singleton
public class ZipkinExport {

    @Produces
    @Singleton
    @LookupIfProperty(name = "tracing.zipkin.enabled", stringValue = "true")
    SpanExporter zipkin(
            @ConfigProperty(name = "tracing.zipkin.endpoint", defaultValue = "http://127.0.0.1:9411/api/v2/spans")
                    String endpoint) {
        return ZipkinSpanExporter.builder().setEndpoint(endpoint).build();
    }
}
