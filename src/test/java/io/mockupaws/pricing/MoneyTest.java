package io.mockupaws.pricing;

import static io.mockupaws.pricing.Fixtures.bd;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MoneyTest {

    @Test
    void displayRoundsHalfUpToTheRequestedDecimals() {
        assertThat(Money.display(bd("18.73337"), 2)).isEqualTo(bd("18.73"));
        assertThat(Money.display(bd("2.345"), 2)).isEqualTo(bd("2.35"));
        assertThat(Money.display(bd("2.5"), 0)).isEqualTo(bd("3"));
        assertThat(Money.display(bd("-0.005"), 2)).isEqualTo(bd("-0.01"));
        assertThat(Money.api(bd("0.0000005"))).isEqualTo(bd("0.000001"));
        assertThat(Money.api(bd("0.00000049999"))).isEqualTo(bd("0.000000"));
        assertThat(Money.report(bd("0"))).isEqualTo(bd("0.00"));
    }
}
