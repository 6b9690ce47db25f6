package io.mockupaws.scenario;

import io.mockupaws.audit.AuditLog;
import io.mockupaws.identity.Actor;
import io.mockupaws.platform.cache.CacheKey;
import io.mockupaws.platform.cache.CacheName;
import io.mockupaws.platform.cache.Caches;
import io.mockupaws.platform.web.ApiException;
import io.mockupaws.platform.web.CursorPage;
import io.mockupaws.platform.web.PageResult;
import io.mockupaws.pricing.PipelineConfig;
import io.mockupaws.pricing.PriceBook;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Scenario use cases: create, read, change, list, and the lifecycle state machine. Every one is the acting user's:
 * a scenario of another tenant is "not found" (404, never 403 — its existence is not revealed), except to an
 * administrator. Every change is written to the audit log in the same transaction.
 *
 * <p>List pages are cached (5-minute tier) per tenant, under a version per owner and one for the all-tenant view
 * of administrators; every change bumps its owner's and the all-tenant version once it commits, so the next list
 * shows it — on every instance when the cache is Redis.
 */
@Service
public class ScenarioService {

    private static final String ALL_TENANTS = "*";

    private final ScenarioRepository scenarios;
    private final PriceBook priceBook;
    private final AuditLog audit;
    private final Caches caches;

    /** Cached: one list page, v1 ({@code total}) or v2 ({@code nextCursor}). */
    record ListedPage(List<Scenario> items, long total, String nextCursor) {}

    ScenarioService(ScenarioRepository scenarios, PriceBook priceBook, AuditLog audit, Caches caches) {
        this.scenarios = scenarios;
        this.priceBook = priceBook;
        this.audit = audit;
        this.caches = caches;
    }

    @Transactional
    public Scenario create(Actor actor, ScenarioRequests.Create c) {
        requireKnownModel(c.pipeline());
        List<String> tags = c.tags() == null ? List.of() : c.tags().stream().map(String::strip).distinct().toList();
        Scenario s = scenarios.insert(actor.userId(), c.name().strip(), c.description() == null ? "" : c.description(),
                c.region() == null ? "us-east-1" : c.region(), tags,
                c.pipeline() == null ? PipelineConfig.defaults() : c.pipeline());
        audit.record(actor.audited("scenario.created", "scenario", s.id(), Map.of("name", s.name(), "region", s.region())));
        listsChanged(s.ownerId());
        return s;
    }

    public Scenario get(Actor actor, UUID id) {
        return scenarios.find(id, actor.tenantScope()).orElseThrow(() -> notFound(id));
    }

    /**
     * For ingest, which authenticates with an owner's API key: the scenario if it is that owner's (an admin's key
     * gets no exception here — a shipper writes into its owner's scenarios only).
     */
    public Scenario getOwnedBy(UUID owner, UUID id) {
        return scenarios.find(id, owner).orElseThrow(() -> notFound(id));
    }

    /**
     * Whichever of {@code ids} are running, of any tenant: for the server's own work (the per-scenario cost metrics),
     * never on behalf of a request.
     */
    public List<Scenario> runningForMonitoring(Collection<UUID> ids) {
        return ids.isEmpty() ? List.of() : scenarios.running(ids);
    }

    /** Archived scenarios are frozen records; anything else may change (a new config re-prices its history). */
    @Transactional
    public Scenario update(Actor actor, UUID id, ScenarioRequests.Update u) {
        requireKnownModel(u.pipeline());
        Scenario s = scenarios.updateUnlessArchived(id, actor.tenantScope(), u).orElseThrow(() -> {
            Scenario current = get(actor, id);
            return ApiException.conflict("scenario-archived", "Scenario " + id + " is archived and can no longer be changed")
                    .with("status", current.status());
        });
        audit.record(actor.audited("scenario.updated", "scenario", id, Map.of("fields", changedFields(u))));
        listsChanged(s.ownerId());
        return s;
    }

    /** A running scenario is receiving traffic: stop it first. Its events and metrics go with it. */
    @Transactional
    public void delete(Actor actor, UUID id) {
        ScenarioState state = scenarios.lockForUpdate(id, actor.tenantScope()).orElseThrow(() -> notFound(id));
        if (state.status() == ScenarioStatus.RUNNING) {
            throw ApiException.conflict("scenario-running", "Scenario " + id + " is running; stop it before deleting it")
                    .with("status", state.status());
        }
        scenarios.delete(id);
        audit.record(actor.audited("scenario.deleted", "scenario", id));
        listsChanged(state.ownerId());
    }

    /**
     * For ingest's group commit: within the caller's transaction, share-locks the scenarios (until it ends) and
     * returns their states and owners; a missing scenario is absent from the map. The caller checks ownership.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public Map<UUID, ScenarioState> shareLockStates(Collection<UUID> ids) {
        return scenarios.shareLock(ids);
    }

    public static ApiException notRunning(UUID id, ScenarioStatus status) {
        return ApiException.conflict("scenario-not-running", "Scenario " + id + " is " + status
                        + "; it accepts traffic only while running (POST /api/v1/scenarios/" + id + "/start)")
                .with("current_status", status);
    }

    @Transactional
    public Scenario start(Actor actor, UUID id) {
        return transition(actor, id, ScenarioStatus.DRAFT, ScenarioStatus.RUNNING, "start");
    }

    @Transactional
    public Scenario stop(Actor actor, UUID id) {
        return transition(actor, id, ScenarioStatus.RUNNING, ScenarioStatus.COMPLETED, "stop");
    }

    @Transactional
    public Scenario archive(Actor actor, UUID id) {
        return transition(actor, id, ScenarioStatus.COMPLETED, ScenarioStatus.ARCHIVED, "archive");
    }

    public PageResult<Scenario> list(ScenarioQuery q) {
        ListedPage page = caches.get(CacheName.SCENARIO_LISTS, listKey(q, "v1", null), ListedPage.class,
                () -> new ListedPage(scenarios.list(q), scenarios.count(q), null));
        return new PageResult<>(page.items(), page.total(), q.page(), q.pageSize());
    }

    /** API v2: the same filters and order, one page of {@code q.pageSize()} after the cursor. */
    public CursorPage<Scenario> listByCursor(ScenarioQuery q, String cursor) {
        ScenarioCursor after = cursor == null ? null : ScenarioCursor.decode(cursor, q.sortBy(), q.ascending());
        ListedPage page = caches.get(CacheName.SCENARIO_LISTS, listKey(q, "v2", cursor), ListedPage.class, () -> {
            List<ScenarioRepository.Keyed> rows = new ArrayList<>(scenarios.listAfter(q, after, q.pageSize() + 1));
            String next = null;
            if (rows.size() > q.pageSize()) {
                rows.removeLast();
                ScenarioRepository.Keyed last = rows.getLast();
                next = ScenarioCursor.after(last.scenario(), last.nameKey(), q.sortBy(), q.ascending()).encode();
            }
            return new ListedPage(rows.stream().map(ScenarioRepository.Keyed::scenario).toList(), -1, next);
        });
        return new CursorPage<>(page.items(), page.nextCursor(), q.pageSize());
    }

    /**
     * Whose list it is (the caller's tenant, or all tenants), that list's current version, and every filter,
     * order and position: two callers share an entry only if they may see the same rows.
     */
    private String listKey(ScenarioQuery q, String api, String cursor) {
        String tenant = q.tenant() == null ? ALL_TENANTS : q.tenant().toString();
        return CacheKey.of(tenant, caches.version(listSubject(tenant)), api, q.owner(), q.status(), q.region(), q.tag(),
                q.search(), q.createdFrom(), q.createdTo(), q.sortBy(), q.ascending(), q.page(), q.pageSize(), cursor);
    }

    private void listsChanged(UUID owner) {
        caches.bump(listSubject(owner.toString()), listSubject(ALL_TENANTS));
    }

    private static String listSubject(String tenant) {
        return "scenarios-of:" + tenant;
    }

    private Scenario transition(Actor actor, UUID id, ScenarioStatus from, ScenarioStatus to, String action) {
        Scenario s = scenarios.transition(id, actor.tenantScope(), from, to).orElseThrow(() -> {
            Scenario current = get(actor, id);
            return ApiException.conflict("invalid-state-transition",
                            "Cannot " + action + " scenario " + id + ": it is " + current.status() + ", and only a "
                                    + from + " scenario can be " + pastTense(action))
                    .with("current_status", current.status())
                    .with("required_status", from);
        });
        audit.record(actor.audited("scenario." + pastTense(action), "scenario", id,
                Map.of("from", from.wire(), "to", to.wire())));
        listsChanged(s.ownerId());
        return s;
    }

    private static List<String> changedFields(ScenarioRequests.Update u) {
        List<String> fields = new ArrayList<>();
        if (u.name() != null) fields.add("name");
        if (u.description() != null) fields.add("description");
        if (u.region() != null) fields.add("region");
        if (u.tags() != null) fields.add("tags");
        if (u.pipeline() != null) fields.add("pipeline");
        return fields;
    }

    private static String pastTense(String action) {
        return switch (action) {
            case "stop" -> "stopped";
            case "start" -> "started";
            default -> action + "d";
        };
    }

    /** A config naming a model the price book does not know could never be priced: refuse it up front. */
    private void requireKnownModel(PipelineConfig pipeline) {
        if (pipeline != null) priceBook.requireModel(pipeline.bedrock().modelId(), "pipeline.bedrock.model_id");
    }

    static ApiException notFound(UUID id) {
        return ApiException.notFound("scenario-not-found", "No scenario with id " + id);
    }
}
