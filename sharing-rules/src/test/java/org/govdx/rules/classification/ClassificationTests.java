package org.govdx.rules.classification;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ClassificationTests {

    @Test
    void sharingClassesCarryTheRegulationLabels() {
        assertThat(SharingClass.OPEN.zhLabel()).isEqualTo("无条件共享");
        assertThat(SharingClass.RESTRICTED.zhLabel()).isEqualTo("有条件共享");
        assertThat(SharingClass.FORBIDDEN.zhLabel()).isEqualTo("不予共享");
    }

    @Test
    void forbiddenIsTheStrictestSharingClass() {
        assertThat(SharingClass.FORBIDDEN.isStricterThan(SharingClass.RESTRICTED)).isTrue();
        assertThat(SharingClass.RESTRICTED.isStricterThan(SharingClass.OPEN)).isTrue();
        assertThat(SharingClass.OPEN.isStricterThan(SharingClass.OPEN)).isFalse();
        assertThat(SharingClass.OPEN.isAtLeastAsStrictAs(SharingClass.OPEN)).isTrue();
        assertThat(SharingClass.strictest(SharingClass.OPEN, SharingClass.FORBIDDEN)).isEqualTo(SharingClass.FORBIDDEN);
        assertThat(SharingClass.strictest(SharingClass.RESTRICTED, SharingClass.OPEN)).isEqualTo(SharingClass.RESTRICTED);
    }

    @Test
    void aggregateIsTheStrictestAccessModeAndExtractTheWidest() {
        assertThat(AccessMode.AGGREGATE.isStricterThan(AccessMode.VIEW)).isTrue();
        assertThat(AccessMode.VIEW.isStricterThan(AccessMode.EXTRACT)).isTrue();
        assertThat(AccessMode.EXTRACT.isStricterThan(AccessMode.AGGREGATE)).isFalse();
        assertThat(AccessMode.AGGREGATE.isAtLeastAsStrictAs(AccessMode.EXTRACT)).isTrue();
        assertThat(AccessMode.EXTRACT.isAtLeastAsStrictAs(AccessMode.VIEW)).isFalse();
        assertThat(AccessMode.VIEW.isAtLeastAsStrictAs(AccessMode.VIEW)).isTrue();
        assertThat(AccessMode.strictest(AccessMode.EXTRACT, AccessMode.VIEW)).isEqualTo(AccessMode.VIEW);
        assertThat(AccessMode.compareStrictness(AccessMode.AGGREGATE, AccessMode.EXTRACT)).isPositive();
    }

    @Test
    void strictnessComparisonsAreConsistentForEveryPair() {
        for (AccessMode a : AccessMode.values()) {
            for (AccessMode b : AccessMode.values()) {
                assertThat(a.isStricterThan(b)).isEqualTo(!b.isAtLeastAsStrictAs(a));
            }
        }
        for (SharingClass a : SharingClass.values()) {
            for (SharingClass b : SharingClass.values()) {
                assertThat(a.isStricterThan(b)).isEqualTo(!b.isAtLeastAsStrictAs(a));
            }
        }
    }
}
