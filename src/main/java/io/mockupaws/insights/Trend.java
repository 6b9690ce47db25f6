package io.mockupaws.insights;

/**
 * Ordinary least squares of y_k = a + b·k over buckets k = 0..n−1, and the 95 % prediction interval of the SUM of
 * the next {@code m} buckets (m may be fractional: 730 hours are 30.42 days).
 *
 * <pre>
 * b = Σ(k − k̄)(y − ȳ) / Sxx,  a = ȳ − b·k̄,  s² = Σ residual² / (n − 2)
 * future buckets k = n .. n+m−1, centre x₀ = n − 1/2 + m/2:   Σŷ = m · (a + b·x₀)
 * Var(Σy − Σŷ) = s² · (m + m² · (1/n + (x₀ − k̄)² / Sxx))     (m new errors + the fitted line's uncertainty)
 * interval = Σŷ ± t(0.975, n − 2) · sqrt(Var)
 * </pre>
 *
 * Doubles are fine here: it is a statistical estimate, not money; the bounds are then priced exactly.
 */
record Trend(int n, double intercept, double slope, double residualSd, double kMean, double sxx) {

    static final int MIN_POINTS = 3;
    private static final double Z = 1.959963984540054;
    /** t(0.975, ν) for ν = 1..30. */
    private static final double[] T975 = {12.706205, 4.302653, 3.182446, 2.776445, 2.570582, 2.446912, 2.364624,
            2.306004, 2.262157, 2.228139, 2.200985, 2.178813, 2.160369, 2.144787, 2.131450, 2.119905, 2.109816, 2.100922,
            2.093024, 2.085963, 2.079614, 2.073873, 2.068658, 2.063899, 2.059539, 2.055529, 2.051831, 2.048407, 2.045230,
            2.042272};

    static Trend fit(double[] y) {
        int n = y.length;
        if (n < MIN_POINTS) throw new IllegalArgumentException("a trend needs at least " + MIN_POINTS + " points, had " + n);
        double kMean = (n - 1) / 2.0;
        double yMean = 0;
        for (double v : y) yMean += v;
        yMean /= n;
        double sxx = 0;
        double sxy = 0;
        for (int k = 0; k < n; k++) {
            sxx += (k - kMean) * (k - kMean);
            sxy += (k - kMean) * (y[k] - yMean);
        }
        double slope = sxy / sxx;
        double intercept = yMean - slope * kMean;
        double sse = 0;
        for (int k = 0; k < n; k++) {
            double r = y[k] - (intercept + slope * k);
            sse += r * r;
        }
        return new Trend(n, intercept, slope, Math.sqrt(sse / (n - 2)), kMean, sxx);
    }

    /** Predicted sum of the next {@code m} buckets: [low, expected, high]; low clamped at 0 (events cannot be negative). */
    double[] nextSum(double m) {
        double x0 = n - 0.5 + m / 2.0;
        double expected = m * (intercept + slope * x0);
        double variance = residualSd * residualSd * (m + m * m * (1.0 / n + (x0 - kMean) * (x0 - kMean) / sxx));
        double half = t975(n - 2) * Math.sqrt(variance);
        return new double[] {Math.max(0, expected - half), Math.max(0, expected), Math.max(0, expected + half)};
    }

    /** Student's t 0.975 quantile: the table up to 30 degrees of freedom, then the Cornish–Fisher expansion. */
    static double t975(int df) {
        if (df < 1) throw new IllegalArgumentException("degrees of freedom must be >= 1");
        if (df <= T975.length) return T975[df - 1];
        double z3 = Z * Z * Z;
        double z5 = z3 * Z * Z;
        return Z + (z3 + Z) / (4.0 * df) + (5 * z5 + 16 * z3 + 3 * Z) / (96.0 * df * df);
    }
}
