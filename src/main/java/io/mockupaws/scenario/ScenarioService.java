package io.mockupaws.scenario;

import io.mockupaws.pricing.PipelineConfig;
import io.mockupaws.platform.web.ApiException;
import io.mockupaws.platform.web.PageResult;
import io.mockupaws.pricing.PipelineConfig;
import io.mockupaws.pricing.PriceBook;
import java.util.List;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Scenario use cases: create, read, change, list, and the lifecycle state machine. */
@Service
public class ScenarioService {

    private final ScenarioRepository scenarios;
    private final PriceBook priceBook;

    ScenarioService(ScenarioRepository scenarios, PriceBook priceBook) {
        this.scenarios = scenarios;
        this.priceBook = priceBook;
    }

    public Scenario create(ScenarioRequests.Create c) {
        requireKnownModel(c.pipeline());
        List<String> tags = c.tags() == null ? List.of() : c.tags().stream().map(String::strip).distinct().toList();
        return scenarios.insert(c.name().strip(), c.description() == null ? "" : c.description(),
                c.region() == null ? "us-east-1" : c.region(), tags,
                c.pipeline() == null ? PipelineConfig.defaults() : c.pipeline());
    }

    public Scenario get(UUID id) {
        return scenarios.find(id).orElseThrow(() -> notFound(id));
    }

    /** Archived scenarios are frozen records; anything else may change (a new config re-prices its history). */
    @Transactional
    public Scenario update(UUID id, ScenarioRequests.Update u) {
        requireKnownModel(u.pipeline());
        return scenarios.updateUnlessArchived(id, u).orElseThrow(() -> {
            Scenario s = get(id);
            return ApiException.conflict("scenario-archived", "Scenario " + id + " is archived and can no longer be changed")
                    .with("status", s.status());
        });
    }

    /** A running scenario is receiving traffic: stop it first. Its events and metrics go with it. */
    @Transactional
    public void delete(UUID id) {
        ScenarioStatus status = scenarios.lockForUpdate(id).orElseThrow(() -> notFound(id));
        if (status == ScenarioStatus.RUNNING) {
            throw ApiException.conflict("scenario-running", "Scenario " + id + " is running; stop it before deleting it")
                    .with("status", status);
        }
        scenarios.delete(id);
    }

    /**
     * For ingest: within the caller's transaction, holds a share lock on each scenario until that transaction ends
     * and fails unless every one is running. A stop (an UPDATE of the row) waits for the lock, so no event is counted
     * after a stop has committed, and events committed before the stop are all counted.
     */
    @Transactional(propagation = org.springframework.transaction.annotation.Propagation.MANDATORY)
    public void holdRunning(java.util.Collection<UUID> ids) {
        var states = scenarios.shareLock(ids);
        for (UUID id : ids.stream().sorted().toList()) {
            ScenarioStatus status = states.get(id);
            if (status == null) throw notFound(id);
            if (status != ScenarioStatus.RUNNING) throw notRunning(id, status);
        }
    }

    /**
     * For ingest's group commit: within the caller's transaction, share-locks the scenarios (until it ends) and
     * returns their states; a missing scenario is absent from the map.
     */
    @Transactional(propagation = org.springframework.transaction.annotation.Propagation.MANDATORY)
    public java.util.Map<UUID, ScenarioStatus> shareLockStates(java.util.Collection<UUID> ids) {
        return scenarios.shareLock(ids);
    }

    public static ApiException notRunning(UUID id, ScenarioStatus status) {
        return ApiException.conflict("scenario-not-running", "Scenario " + id + " is " + status
                        + "; it accepts traffic only while running (POST /api/v1/scenarios/" + id + "/start)")
                .with("current_status", status);
    }

    public Scenario start(UUID id) {
        return transition(id, ScenarioStatus.DRAFT, ScenarioStatus.RUNNING, "start");
    }

    public Scenario stop(UUID id) {
        return transition(id, ScenarioStatus.RUNNING, ScenarioStatus.COMPLETED, "stop");
    }

    public Scenario archive(UUID id) {
        return transition(id, ScenarioStatus.COMPLETED, ScenarioStatus.ARCHIVED, "archive");
    }

    public PageResult<Scenario> list(ScenarioQuery q) {
        return new PageResult<>(scenarios.list(q), scenarios.count(q), q.page(), q.pageSize());
    }

    private Scenario transition(UUID id, ScenarioStatus from, ScenarioStatus to, String action) {
        return scenarios.transition(id, from, to).orElseThrow(() -> {
            Scenario current = get(id);
            return ApiException.conflict("invalid-state-transition",
                            "Cannot " + action + " scenario " + id + ": it is " + current.status() + ", and only a "
                                    + from + " scenario can be " + pastTense(action))
                    .with("current_status", current.status())
                    .with("required_status", from);
        });
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
