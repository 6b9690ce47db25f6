package io.mockupaws.scenario;

import java.time.Instant;
import java.util.UUID;

/**
 * Filters, order and page of a scenario listing; every field already validated.
 *
 * @param tenant the owner the listing is confined to (the caller), or null for a caller who sees every tenant
 * @param owner  an explicit owner filter (administrators use it to look at one user's scenarios)
 */
public record ScenarioQuery(
        UUID tenant,
        UUID owner,
        ScenarioStatus status,
        String region,
        String tag,
        String search,
        Instant createdFrom,
        Instant createdTo,
        SortField sortBy,
        boolean ascending,
        int page,
        int pageSize) {

    public enum SortField {
        CREATED_AT("created_at"), UPDATED_AT("updated_at"), NAME("name"), STATUS("status");

        final String column;

        SortField(String column) { this.column = column; }

        public static SortField of(String s) {
            for (SortField f : values()) if (f.column.equals(s)) return f;
            return null;
        }
    }
}
