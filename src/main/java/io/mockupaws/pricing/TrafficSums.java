package io.mockupaws.pricing;

/**
 * Sums over the windows of a period of the per-window quantities of the usage formulas, computed by the caller
 * (in SQL, per minute, for the insights): {@link UsageCalculator#usage(TrafficSums, PipelineConfig)} turns them into
 * exactly the {@link Usage} that summing {@link UsageCalculator#usage(WindowTraffic, PipelineConfig)} over the same
 * windows gives, without building one object per window.
 *
 * @param events       Σ N_w
 * @param sendRequests Σ send_requests_w for the config's send batch size
 * @param invocations  Σ L_w = Σ ceil(N_w / batch_size)
 * @param billedMs     Σ L_w · billed_ms_w (billed_ms_w = ceil of the fixed or modelled duration of window w)
 * @param inputTokens  Σ tokens of the messages (prompt overhead NOT included: the formulas add it)
 */
public record TrafficSums(long events, long sendRequests, long invocations, long billedMs, long inputTokens) {

    public static final TrafficSums ZERO = new TrafficSums(0, 0, 0, 0, 0);

    public TrafficSums {
        if (events < 0 || sendRequests < 0 || invocations < 0 || billedMs < 0 || inputTokens < 0) {
            throw new IllegalArgumentException("traffic sums must be >= 0: " + this);
        }
    }

    public TrafficSums plus(TrafficSums o) {
        return new TrafficSums(Math.addExact(events, o.events), Math.addExact(sendRequests, o.sendRequests),
                Math.addExact(invocations, o.invocations), Math.addExact(billedMs, o.billedMs),
                Math.addExact(inputTokens, o.inputTokens));
    }
}
