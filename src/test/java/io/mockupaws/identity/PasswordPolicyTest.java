package io.mockupaws.identity;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PasswordPolicyTest {

    private final PasswordPolicy policy = new PasswordPolicy();

    @Test
    void theBundledListHoldsThirtyThousandCommonPasswords() {
        assertThat(policy.listSize()).isBetween(29_000, 30_000); // a few entries differ only in letter case
    }

    @Test
    void lengthCountsCharactersAndBcryptsLimitCountsBytes() {
        assertThat(policy.problem("nine-char", null)).contains("at least 10");
        assertThat(policy.problem("ten-chars!", null)).isNull();
        assertThat(policy.problem("😀".repeat(10), null)).isNull(); // 10 characters, 40 bytes
        assertThat(policy.problem("😀".repeat(19), null)).contains("72 bytes");
        assertThat(policy.problem("", null)).isEqualTo("is required");
        assertThat(policy.problem(null, null)).isEqualTo("is required");
    }

    @Test
    void commonPasswordsAreRefusedInAnyLetterCase() {
        for (String p : new String[] {"qwertyuiop", "1234567890", "PASSWORD123", "Password12", "iloveyou12"}) {
            assertThat(policy.problem(p, null)).as(p).contains("most common");
        }
        assertThat(policy.problem("tangerine-otter-41", null)).isNull();
    }

    @Test
    void theEmailOrItsLocalPartIsRefused() {
        assertThat(policy.problem("Jane.Doe@Example.com", "jane.doe@example.com")).contains("email");
        assertThat(policy.problem("jane.doe.1", "jane.doe.1@example.com")).contains("email");
        assertThat(policy.problem("jane.doe.1!", "jane.doe.1@example.com")).isNull();
    }
}
