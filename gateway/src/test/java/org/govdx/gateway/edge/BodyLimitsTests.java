package org.govdx.gateway.edge;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class BodyLimitsTests {

    private final BodyLimits limits = new BodyLimits(2_000_000,
            List.of(BodyLimits.route("/api/exchange/datasets/*/versions/*/rows", 2_000_000_000L)));

    @Test
    void uploadRoutesTakeLargeBodiesAndEverythingElseTheDefault() {
        assertThat(limits.maxBytes("/api/exchange/datasets/4f1c/versions/2/rows")).isEqualTo(2_000_000_000L);
        assertThat(limits.maxBytes("/api/exchange/requests")).isEqualTo(2_000_000);
        assertThat(limits.largest()).isEqualTo(2_000_000_000L);
    }

    @Test
    void aStarIsExactlyOneSegmentAndThePatternIsNotARegex() {
        assertThat(limits.maxBytes("/api/exchange/datasets/a/b/versions/2/rows")).isEqualTo(2_000_000);
        assertThat(limits.maxBytes("/api/exchange/datasets//versions/2/rows")).isEqualTo(2_000_000);
        assertThat(limits.maxBytes("/api/exchange/datasets/x/versions/2/rows/extra")).isEqualTo(2_000_000);
        BodyLimits dotted = new BodyLimits(1, List.of(BodyLimits.route("/a.b/*", 5)));
        assertThat(dotted.maxBytes("/aXb/c")).isEqualTo(1);
        assertThat(dotted.maxBytes("/a.b/c")).isEqualTo(5);
    }
}
