package io.mockupaws.identity;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.mockupaws.platform.AfterTransaction;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.springframework.stereotype.Component;

/**
 * What the database said about an API key (its state and its owner's), remembered for {@link #TTL} so a shipper
 * sending thousands of requests a second does not cost a database round trip each. Only the lookup is remembered:
 * revocation, expiry and the owner's state are still checked on every request, against the remembered row.
 *
 * <p>How fresh that row is: every change this instance makes to a key or a user (revoke, rotate, role, tier,
 * active) forgets every remembered row once its transaction has committed, before the change is answered — so on
 * this instance it takes effect with the very next request. A change made elsewhere (another instance, a command
 * line, SQL) takes effect within {@link #TTL}. Expiry is exact: the remembered expiry time is compared with the
 * clock at each request.
 *
 * <p>Rows are keyed by the key's SHA-256 (never the secret), and each carries the generation it was read in: a
 * read that raced with a change (it started before the change committed) is stored under an older generation and
 * is never used.
 */
@Component
class VerifiedKeys {

    static final Duration TTL = Duration.ofSeconds(5);

    private record Remembered(ApiKeyRepository.Holder holder, long generation) {}

    private final Cache<String, Remembered> rows = Caffeine.newBuilder().expireAfterWrite(TTL).maximumSize(10_000).build();
    private final AtomicLong generation = new AtomicLong();

    /** The key's row, from memory when fresh, otherwise from {@code lookup} (which reads the database). */
    Optional<ApiKeyRepository.Holder> holder(byte[] hash, Supplier<Optional<ApiKeyRepository.Holder>> lookup) {
        String id = HexFormat.of().formatHex(hash);
        long current = generation.get();
        Remembered r = rows.getIfPresent(id);
        if (r != null && r.generation() == current) return Optional.of(r.holder());
        Optional<ApiKeyRepository.Holder> read = lookup.get();
        read.ifPresent(h -> rows.put(id, new Remembered(h, current)));
        return read;
    }

    /**
     * Forgets every remembered row once the current transaction commits (at once when there is none). Called by
     * every change to a key or a user.
     */
    void forgetAfterCommit() {
        AfterTransaction.afterCompletion(this::forget);
    }

    private void forget() {
        generation.incrementAndGet();
        rows.invalidateAll();
    }
}
