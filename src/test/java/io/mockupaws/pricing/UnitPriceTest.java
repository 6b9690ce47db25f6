package io.mockupaws.pricing;

import static io.mockupaws.pricing.Fixtures.bd;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

class UnitPriceTest {

    @Test
    void perThousandAndPerMillionGiveIdenticalCosts() {
        UnitPrice perK = UnitPrice.of("0.00025", "1000", "tokens");
        UnitPrice perM = UnitPrice.of("0.25", "1000000", "tokens");
        UnitPrice perOne = UnitPrice.of("0.00000025", "1", "tokens");
        for (String q : new String[] {"0", "1", "999", "123456789", "1000000", "7.5"}) {
            assertThat(perK.costOf(bd(q))).isEqualByComparingTo(perM.costOf(bd(q)));
            assertThat(perOne.costOf(bd(q))).isEqualByComparingTo(perM.costOf(bd(q)));
        }
        assertThat(perM.costOf(bd("123456789"))).isEqualByComparingTo("30.86419725");
    }

    @Test
    void perRequestAndPerMillionRequests() {
        assertThat(UnitPrice.perUnit("0.0000004", "requests").costOf(bd("2500000")))
                .isEqualByComparingTo(UnitPrice.perMillion("0.40", "requests").costOf(bd("2500000")))
                .isEqualByComparingTo("1");
    }

    @Test
    void costIsExact() {
        assertThat(UnitPrice.perUnit("0.0000166667", "GB-seconds").costOf(bd("1")))
                .isEqualTo(bd("0.0000166667"));
    }

    @Test
    void nonTerminatingUnitQuantityFallsBackTo34Digits() {
        BigDecimal third = UnitPrice.of("1", "3", "things").costOf(bd("1"));
        assertThat(third.precision()).isEqualTo(34);
        assertThat(third).isEqualByComparingTo("0.3333333333333333333333333333333333");
    }

    @Test
    void negativeQuantityIsACredit() {
        assertThat(UnitPrice.perMillion("0.20", "requests").costOf(bd("-1000000"))).isEqualByComparingTo("-0.2");
    }

    @Test
    void invalidPricesAreRejected() {
        assertThatThrownBy(() -> UnitPrice.of("-0.1", "1", "requests"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("pricePerUnit");
        assertThatThrownBy(() -> UnitPrice.of("0.1", "0", "requests"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("unitQuantity");
        assertThatThrownBy(() -> UnitPrice.of("0.1", "1", " "))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("unit");
    }

    @Test
    void readableToString() {
        assertThat(UnitPrice.perMillion("0.25", "tokens")).hasToString("0.25 USD / 1000000 tokens");
    }
}
