package io.mockupaws.profiling;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.EnumSet;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class EventProfilerTest {

    private final EventProfiler profiler = new EventProfiler(new PiiDetector(), PreviewRedactor.DEFAULT_MAX_CHARS);
    private final TokenCounter cl100k = Tokenizers.forName("cl100k_base");

    @Test
    void sizeIsUtf8BytesAndCharCountIsCodePoints() {
        String message = "h\u00e9llo \u4e16\u754c \uD83D\uDE00";  // é = 2 bytes, 世界 = 3 bytes each, emoji = 4
        EventProfile profile = profiler.profile(message, cl100k);
        assertThat(profile.sizeBytes()).isEqualTo(message.getBytes(StandardCharsets.UTF_8).length).isEqualTo(18);
        assertThat(profile.charCount()).isEqualTo(10);
        assertThat(profile.sqsBlocks()).isEqualTo(1);
    }

    @Test
    void hashIsSha256OfTheUtf8Bytes() throws Exception {
        String message = "GET /caf\u00e9 200";
        byte[] expected = MessageDigest.getInstance("SHA-256").digest(message.getBytes(StandardCharsets.UTF_8));
        EventProfile profile = profiler.profile(message, cl100k);
        assertThat(profile.messageHash()).hasSize(32).isEqualTo(expected);
        assertThat(profile.messageHashHex()).isEqualTo(HexFormat.of().formatHex(expected));
    }

    @Test
    void emptyMessage() {
        EventProfile profile = profiler.profile("", cl100k);
        assertThat(profile.sizeBytes()).isZero();
        assertThat(profile.sqsBlocks()).isEqualTo(1);
        assertThat(profile.tokenCount()).isZero();
        assertThat(profile.messageHashHex())
                .isEqualTo("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
        assertThat(profile.hasPii()).isFalse();
        assertThat(profile.piiTypes()).isEmpty();
        assertThat(profile.preview()).isEmpty();
    }

    @Test
    void tokensComeFromTheGivenCounter() {
        assertThat(profiler.profile("hello world", cl100k).tokenCount()).isEqualTo(2);
        EventProfile byChars = profiler.profile("hello world", Tokenizers.forName("chars/4"));
        assertThat(byChars.tokenCount()).isEqualTo(3);
        assertThat(byChars.tokenizer()).isEqualTo("chars/4");
    }

    @Test
    void largeMessageSpansSeveralSqsBlocks() {
        String message = "a".repeat(65_536) + "\u00e9";   // 65,538 bytes
        EventProfile profile = profiler.profile(message, Tokenizers.forName("chars/4"));
        assertThat(profile.sizeBytes()).isEqualTo(65_538);
        assertThat(profile.sqsBlocks()).isEqualTo(2);
        assertThat(profile.preview()).hasSize(512);
    }

    @Test
    void countsPiiPerTypeAndRedactsThePreview() {
        String message = "login a.b@example.com from 10.0.0.1 and 10.0.0.2 with card 4111111111111111";
        EventProfile profile = profiler.profile(message, cl100k);
        assertThat(profile.piiCount(PiiType.EMAIL)).isEqualTo(1);
        assertThat(profile.piiCount(PiiType.IPV4)).isEqualTo(2);
        assertThat(profile.piiCount(PiiType.PAYMENT_CARD)).isEqualTo(1);
        assertThat(profile.piiCounts()).hasSize(PiiType.values().length);
        assertThat(profile.hasPii()).isTrue();
        assertThat(profile.piiTypes()).isEqualTo(EnumSet.of(PiiType.EMAIL, PiiType.IPV4, PiiType.PAYMENT_CARD));
        assertThat(profile.preview()).isEqualTo("login <EMAIL> from <IPV4> and <IPV4> with card <CARD>");
        assertThat(profile.toString()).doesNotContain("example.com").doesNotContain("4111");
    }

    @Test
    void previewLengthIsConfigurable() {
        EventProfiler shortPreview = new EventProfiler(new PiiDetector(), 10);
        assertThat(shortPreview.profile("user a.b@example.com logged in", cl100k).preview()).isEqualTo("user <EMAI");
    }

    @Test
    void profileIsAValueWithDefensiveCopies() {
        EventProfile a = profiler.profile("same", cl100k);
        EventProfile b = profiler.profile("same", cl100k);
        assertThat(a).isEqualTo(b).hasSameHashCodeAs(b);
        a.messageHash()[0] ^= 1;
        a.piiCounts()[0] = 99;
        assertThat(a).isEqualTo(b);
        assertThat(a.piiCount(PiiType.EMAIL)).isZero();
    }

    @Test
    void rejectsMalformedProfileComponents() {
        assertThatThrownBy(() -> new EventProfile(1, 1, 1, "t", new byte[31], "", 1, new int[PiiType.values().length]))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new EventProfile(1, 1, 1, "t", new byte[32], "", 1, new int[3]))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new EventProfiler(new PiiDetector(), -1)).isInstanceOf(IllegalArgumentException.class);
    }
}
