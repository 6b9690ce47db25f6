/**
 * Spring Cache for every module, in three tiers: a 5-minute tier (scenario lists, insights), a 1-hour tier (report
 * files) and a 24-hour tier (the price book). Caffeine in this JVM by default; Redis, shared by every instance, when
 * {@code MOCKUPAWS_REDIS_URL} is set. {@link io.mockupaws.platform.cache.Caches} is the one way in: typed lookups that
 * fall back to the database when the cache cannot answer, and version tokens that make a whole family of entries
 * unreachable at once.
 */
@NamedInterface("cache")
package io.mockupaws.platform.cache;

import org.springframework.modulith.NamedInterface;
