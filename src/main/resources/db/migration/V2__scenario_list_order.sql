-- The scenario list's default order (newest first, id as tie-breaker). Without it every list call sorts the
-- whole table (7 ms at 10,000 scenarios); with it the first page is an index range scan. The filter and
-- search indexes belong to the database-performance migration, measured there before/after.
CREATE INDEX scenarios_created_order_idx ON scenarios (created_at DESC, id DESC);
