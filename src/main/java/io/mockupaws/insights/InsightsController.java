package io.mockupaws.insights;

import io.mockupaws.platform.web.ApiException;
import io.mockupaws.platform.web.QueryParams;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Instant;
import io.mockupaws.identity.Actor;
import java.util.UUID;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping(path = "/api/v1/scenarios", produces = "application/json")
@Tag(name = "insights", description = "Cost, usage and traffic of a scenario's stored traffic; what-if, projection, comparison")
class InsightsController {

    private final InsightsService insights;

    InsightsController(InsightsService insights) {
        this.insights = insights;
    }

    @GetMapping("/{id}/metrics")
    @Operation(summary = "Summary, per-service cost breakdown and time series of [from, to) (default: all traffic)")
    InsightsViews.Metrics metrics(Actor actor, @PathVariable UUID id, @RequestParam(required = false) String from,
                                  @RequestParam(required = false) String to,
                                  @RequestParam(defaultValue = "hour") String granularity) {
        Instant[] window = window(from, to);
        return insights.metrics(actor, id, window[0], window[1], granularity(granularity));
    }

    @PostMapping(path = "/{id}/estimate", consumes = "application/json")
    @Operation(summary = "What-if: the metrics of the stored traffic re-priced with pipeline keys and/or region changed; nothing saved")
    InsightsViews.Metrics estimate(Actor actor, @PathVariable UUID id,
                                   @RequestBody(required = false) InsightsRequests.Estimate body,
                                   @RequestParam(required = false) String from, @RequestParam(required = false) String to,
                                   @RequestParam(defaultValue = "hour") String granularity) {
        Instant[] window = window(from, to);
        return insights.estimate(actor, id, body, window[0], window[1], granularity(granularity));
    }

    @GetMapping("/{id}/projection")
    @Operation(summary = "Monthly usage and cost projected from the observed rate, plus a trend prediction with a 95 % interval")
    InsightsViews.Projection projection(Actor actor, @PathVariable UUID id, @RequestParam(defaultValue = "month") String period,
                                        @RequestParam(required = false) String from,
                                        @RequestParam(required = false) String to) {
        if (!period.equals("month")) throw QueryParams.invalid("period", "must be month");
        Instant[] window = window(from, to);
        return insights.projection(actor, id, window[0], window[1]);
    }

    @PostMapping(path = "/compare", consumes = "application/json")
    @Operation(summary = "2–4 scenarios side by side with per-service deltas against a baseline")
    InsightsViews.Comparison compare(Actor actor, @RequestBody InsightsRequests.Compare body) {
        return insights.compare(actor, body);
    }

    @GetMapping("/{id}/sources")
    @Operation(summary = "Per-source events, bytes, tokens, PII and cost share over the scenario's life")
    InsightsViews.Sources sources(Actor actor, @PathVariable UUID id) {
        return insights.sources(actor, id);
    }

    private static Instant[] window(String from, String to) {
        Instant f = QueryParams.instant("from", from);
        Instant t = QueryParams.instant("to", to);
        if (f != null && t != null && !t.isAfter(f)) throw QueryParams.invalid("to", "must be after from");
        return new Instant[] {f, t};
    }

    private static Granularity granularity(String raw) {
        Granularity g = Granularity.of(raw);
        if (g == null) throw QueryParams.invalid("granularity", "must be one of minute, hour, day");
        return g;
    }

}
