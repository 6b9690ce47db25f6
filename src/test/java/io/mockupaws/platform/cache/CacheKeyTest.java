package io.mockupaws.platform.cache;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CacheKeyTest {

    @Test
    void shortKeysStayReadableAndLongOnesAreHashed() {
        assertThat(CacheKey.of("tenant", null, 3, true)).isEqualTo("tenant|\\0|3|true");
        String long1 = CacheKey.of("x".repeat(300));
        assertThat(long1).startsWith("sha256:").hasSize(7 + 64);
        assertThat(CacheKey.of("x".repeat(300))).isEqualTo(long1);
        assertThat(CacheKey.of("x".repeat(299), "x")).isNotEqualTo(long1);
    }

    @Test
    void partsCannotRunIntoEachOther() {
        assertThat(CacheKey.of("a|b", "c")).isNotEqualTo(CacheKey.of("a", "b|c"));
        assertThat(CacheKey.of("a", null)).as("no filter is not a filter on '-'").isNotEqualTo(CacheKey.of("a", "-"));
        assertThat(CacheKey.of("a", null)).isNotEqualTo(CacheKey.of("a", "\\0")).isNotEqualTo(CacheKey.of("a", ""));
        assertThat(CacheKey.of("a\\", "b")).isNotEqualTo(CacheKey.of("a", "\\b"));
    }
}
