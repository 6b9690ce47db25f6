package io.mockupaws.ops;

import io.mockupaws.audit.AuditLog;
import io.mockupaws.identity.Actor;
import io.mockupaws.platform.cache.CacheName;
import io.mockupaws.platform.cache.CacheStatistics;
import io.mockupaws.platform.cache.Caches;
import io.mockupaws.platform.web.ApiException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** The caches, for operators: what each holds and how well it answers, and clearing one. Administrators only. */
@RestController
@RequestMapping(path = "/api/v1/admin/cache", produces = "application/json")
@Tag(name = "admin", description = "Operations: caches")
class CacheController {

    private final Caches caches;
    private final AuditLog audit;

    CacheController(Caches caches, AuditLog audit) {
        this.caches = caches;
        this.audit = audit;
    }

    /** @param backend caffeine (this instance's memory), redis (shared by every instance) or none (caching off) */
    record CacheList(String backend, List<CacheStatistics> caches) {}

    @GetMapping
    @Operation(summary = "Every cache: tier and TTL, this instance's hits, misses and hit ratio, entries held")
    CacheList list() {
        return new CacheList(caches.backend(), caches.statistics());
    }

    @DeleteMapping("/{name}")
    @Operation(summary = "Drop every entry of one cache (with Redis, for every instance); audited")
    ResponseEntity<Void> clear(Actor actor, @PathVariable String name) {
        CacheName cache = CacheName.of(name).orElseThrow(() -> ApiException.notFound("cache-not-found",
                        "No cache named '" + name + "'; the caches are " + Arrays.stream(CacheName.values()).map(CacheName::id).toList()));
        caches.clear(cache);
        audit.record(actor.audited("cache.cleared", "cache", cache.id(), Map.of("backend", caches.backend())));
        return ResponseEntity.noContent().build();
    }
}
