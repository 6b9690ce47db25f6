package io.mockupaws.insights;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class TrendTest {

    @Test
    void leastSquaresAndTheTextbookPredictionIntervalOfOneNewPoint() {
        // y = 1, 3, 2, 5, 4: b = 0.8, a = 1.4, SSE = 3.6, s² = 1.2, Sxx = 10
        Trend t = Trend.fit(new double[] {1, 3, 2, 5, 4});
        assertThat(t.slope()).isCloseTo(0.8, within(1e-12));
        assertThat(t.intercept()).isCloseTo(1.4, within(1e-12));
        assertThat(t.residualSd() * t.residualSd()).isCloseTo(1.2, within(1e-12));

        // next point x0 = 5: ŷ = 5.4, Var = 1.2 · (1 + 1/5 + 9/10) = 2.52, half = t(0.975, 3) · √2.52 = 5.0521
        double[] next = t.nextSum(1);
        assertThat(next[1]).isCloseTo(5.4, within(1e-9));
        assertThat(next[2] - next[1]).isCloseTo(3.182446 * Math.sqrt(2.52), within(1e-6));
        assertThat(next[0]).isCloseTo(5.4 - 3.182446 * Math.sqrt(2.52), within(1e-6));
    }

    @Test
    void aPerfectLineHasNoUncertaintyAndASumOfBucketsFollowsTheLine() {
        Trend t = Trend.fit(new double[] {10, 20, 30, 40});
        double[] next3 = t.nextSum(3); // 50 + 60 + 70
        assertThat(next3[0]).isCloseTo(180, within(1e-9));
        assertThat(next3[1]).isCloseTo(180, within(1e-9));
        assertThat(next3[2]).isCloseTo(180, within(1e-9));
    }

    @Test
    void aFallingTrendIsNeverPredictedBelowZero() {
        double[] sum = Trend.fit(new double[] {100, 60, 20}).nextSum(30);
        assertThat(sum[0]).isZero();
        assertThat(sum[1]).isZero();
    }

    @Test
    void studentTQuantiles() {
        assertThat(Trend.t975(1)).isCloseTo(12.706205, within(1e-6));
        assertThat(Trend.t975(30)).isCloseTo(2.042272, within(1e-6));
        assertThat(Trend.t975(40)).isCloseTo(2.021075, within(1e-4));
        assertThat(Trend.t975(120)).isCloseTo(1.979930, within(1e-4));
    }

    @Test
    void fewerThanThreePointsHaveNoTrend() {
        assertThatThrownBy(() -> Trend.fit(new double[] {1, 2})).isInstanceOf(IllegalArgumentException.class);
    }
}
