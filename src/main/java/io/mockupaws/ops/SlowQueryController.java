package io.mockupaws.ops;

import io.mockupaws.platform.web.QueryParams;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping(path = "/api/v1/admin", produces = "application/json")
@Tag(name = "admin", description = "Operations: database performance")
class SlowQueryController {

    private final QueryInsights insights;
    private final SlowQueryLog slowQueryLog;

    SlowQueryController(QueryInsights insights, SlowQueryLog slowQueryLog) {
        this.insights = insights;
        this.slowQueryLog = slowQueryLog;
    }

    @GetMapping("/slow-queries")
    @Operation(summary = "Statements slower than the threshold, grouped by normalised SQL, slowest first")
    Map<String, Object> slowQueries(@RequestParam(required = false) String since,
                                    @RequestParam(defaultValue = "50") String limit) {
        Instant from = QueryParams.instant("since", since);
        List<QueryInsights.SlowQueryGroup> groups = insights.slowQueries(
                from == null ? Instant.now().minus(Duration.ofDays(1)) : from, QueryParams.intInRange("limit", limit, 1, 500));
        return Map.of("threshold_ms", slowQueryLog.thresholdMs(), "dropped", slowQueryLog.droppedCount(), "queries", groups);
    }

    @GetMapping("/top-queries")
    @Operation(summary = "The heaviest statements by total (or mean, or calls) time, from pg_stat_statements")
    QueryInsights.TopQueries topQueries(@RequestParam(name = "order_by", defaultValue = "total") String orderBy,
                                        @RequestParam(defaultValue = "20") String limit) {
        if (!List.of("total", "mean", "calls").contains(orderBy)) {
            throw QueryParams.invalid("order_by", "must be total, mean or calls");
        }
        return insights.topQueries(orderBy, QueryParams.intInRange("limit", limit, 1, 200));
    }
}
