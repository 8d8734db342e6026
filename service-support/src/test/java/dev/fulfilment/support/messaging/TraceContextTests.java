package dev.fulfilment.support.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TraceContextTests {

    @Test
    void aChildKeepsTheTraceAndTheFlagsWithANewSpan() {
        var parent = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";

        var child = TraceContext.childOf(parent);

        assertThat(child)
                .startsWith("00-4bf92f3577b34da6a3ce929d0e0e4736-")
                .endsWith("-01")
                .isNotEqualTo(parent);
        assertThat(TraceContext.isValid(child)).isTrue();
    }

    @Test
    void withoutAValidParentANewTraceStarts() {
        for (var parent :
                new String[] {null, "", "garbage", "00-00000000000000000000000000000000-00f067aa0ba902b7-01"}) {
            var started = TraceContext.childOf(parent);
            assertThat(TraceContext.isValid(started)).as("from %s", parent).isTrue();
            assertThat(started).doesNotContain("00000000000000000000000000000000");
        }
    }
}
