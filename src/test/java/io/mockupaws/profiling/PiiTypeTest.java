package io.mockupaws.profiling;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class PiiTypeTest {

    @Test
    void codesAndMasksAreTheDocumentedStableValues() {
        assertThat(PiiType.values()).extracting(PiiType::code).containsExactly(
                "email", "us_ssn", "payment_card", "phone", "ipv4", "ipv6", "iban", "aws_access_key", "jwt",
                "private_key");
        assertThat(PiiType.values()).extracting(PiiType::mask).containsExactly(
                "<EMAIL>", "<SSN>", "<CARD>", "<PHONE>", "<IPV4>", "<IPV6>", "<IBAN>", "<AWS_KEY>", "<JWT>",
                "<PRIVATE_KEY>");
    }

    @Test
    void fromCodeRoundTrips() {
        for (PiiType type : PiiType.values()) {
            assertThat(PiiType.fromCode(type.code())).isSameAs(type);
        }
        assertThatThrownBy(() -> PiiType.fromCode("EMAIL")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> PiiType.fromCode("passport")).isInstanceOf(IllegalArgumentException.class);
    }
}
