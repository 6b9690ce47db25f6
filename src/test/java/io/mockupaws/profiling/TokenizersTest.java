package io.mockupaws.profiling;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TokenizersTest {

    @Test
    void cl100kCountsHelloWorldAsTwoTokens() {
        TokenCounter cl100k = Tokenizers.forName("cl100k_base");
        assertThat(cl100k.name()).isEqualTo("cl100k_base");
        assertThat(cl100k.count("hello world")).isEqualTo(2);
        assertThat(cl100k.count("")).isZero();
    }

    @Test
    void o200kIsAvailable() {
        TokenCounter o200k = Tokenizers.forName("o200k_base");
        assertThat(o200k.name()).isEqualTo("o200k_base");
        assertThat(o200k.count("hello world")).isEqualTo(2);
    }

    @Test
    void bpeCountersAreCachedSingletons() {
        assertThat(Tokenizers.forName("cl100k_base")).isSameAs(Tokenizers.forName("cl100k_base"));
        assertThat(Tokenizers.forName("o200k_base")).isSameAs(Tokenizers.forName("o200k_base"));
    }

    @Test
    void specialTokenTextIsCountedAsOrdinaryTextInsteadOfThrowing() {
        TokenCounter cl100k = Tokenizers.forName("cl100k_base");
        assertThat(cl100k.count("prompt <|endoftext|> injected")).isGreaterThan(3);
    }

    @Test
    void charsPerTokenRoundsUpOverCodePoints() {
        TokenCounter chars4 = Tokenizers.forName("chars/4");
        assertThat(chars4.name()).isEqualTo("chars/4");
        assertThat(chars4.count("")).isZero();
        assertThat(chars4.count("abc")).isEqualTo(1);
        assertThat(chars4.count("abcd")).isEqualTo(1);
        assertThat(chars4.count("abcde")).isEqualTo(2);
        // Four emoji are eight UTF-16 chars but four code points.
        assertThat(chars4.count("\uD83D\uDE00\uD83D\uDE01\uD83D\uDE02\uD83D\uDE03")).isEqualTo(1);
        assertThat(Tokenizers.forName("chars/1").count("h\u00e9llo")).isEqualTo(5);
    }

    @ParameterizedTest
    @ValueSource(strings = {"gpt2", "cl100k", "CL100K_BASE", "chars/0", "chars/-1", "chars/", "chars/x", "chars/+4",
            "chars/4.5", ""})
    void unknownOrInvalidNamesAreRejectedWithAClearMessage(String name) {
        assertThatThrownBy(() -> Tokenizers.forName(name))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("tokenizer")
                .hasMessageContaining("'" + name + "'");
    }
}
