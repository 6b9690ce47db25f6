package io.mockupaws.profiling;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class PreviewRedactorTest {

    private final PiiDetector detector = new PiiDetector();

    private String preview(String message, int maxChars) {
        return PreviewRedactor.preview(message, detector.find(message), maxChars);
    }

    @Test
    void masksEveryFindingWithItsToken() {
        String message = "user jane.doe@example.com paid with 4111 1111 1111 1111 from 10.0.0.1";
        assertThat(preview(message, 512)).isEqualTo("user <EMAIL> paid with <CARD> from <IPV4>");
    }

    @Test
    void messageWithoutPiiIsOnlyCut() {
        assertThat(preview("GET /healthz 200", 512)).isEqualTo("GET /healthz 200");
        assertThat(preview("GET /healthz 200", 3)).isEqualTo("GET");
        assertThat(preview("GET /healthz 200", 0)).isEmpty();
    }

    @Test
    void masksBeforeCuttingSoTheCutCountsMaskedChars() {
        // 50 chars of PEM become the 13-char mask; the text after it is then within the budget.
        String message = "-----BEGIN PRIVATE KEY-----AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"
                + "-----END PRIVATE KEY----- done";
        assertThat(preview(message, 20)).isEqualTo("<PRIVATE_KEY> done");
    }

    @Test
    void findingStraddlingTheCutIsStillMasked() {
        String message = "card=4111111111111111 ok";
        for (int max = 0; max <= message.length(); max++) {
            String out = preview(message, max);
            assertThat(out.length()).isLessThanOrEqualTo(max);
            assertThat(out).as("max=%d", max).doesNotContain("41");
            assertThat("card=<CARD> ok").startsWith(out);
        }
    }

    @Test
    void cutNeverSplitsASurrogatePair() {
        String message = "ab\uD83D\uDE00cd";            // a, b, U+1F600 (two chars), c, d
        assertThat(preview(message, 3)).isEqualTo("ab");
        assertThat(preview(message, 4)).isEqualTo("ab\uD83D\uDE00");
        String masked = "x@example.com \uD83D\uDE00";   // "<EMAIL> " is 8 chars, emoji at 8..9
        assertThat(preview(masked, 9)).isEqualTo("<EMAIL> ");
        assertThat(preview(masked, 10)).isEqualTo("<EMAIL> \uD83D\uDE00");
    }

    @Test
    void rawPiiNeverAppearsAtAnyPreviewLength() {
        String message = "{\"email\":\"alice.smith@example.com\",\"card\":\"5500 0000 0000 0004\",\"ssn\":\"123-45-6789\","
                + "\"iban\":\"GB82 WEST 1234 5698 7654 32\",\"key\":\"AKIAIOSFODNN7EXAMPLE\",\"tel\":\"+44 20 7946 0958\"}";
        List<String> raw = List.of("alice", "example.com", "5500", "0004", "6789", "GB82", "WEST", "AKIA", "7946");
        for (int max = 0; max <= message.length() + 1; max++) {
            String out = preview(message, max);
            for (String value : raw) {
                assertThat(out).as("max=%d", max).doesNotContain(value);
            }
        }
    }

    @Test
    void acceptsUnsortedFindingsAndRejectsFindingsOutsideTheMessage() {
        String message = "a 10.0.0.1 b 10.0.0.2";
        List<PiiFinding> found = detector.find(message);
        assertThat(PreviewRedactor.preview(message, List.of(found.get(1), found.get(0)), 100))
                .isEqualTo("a <IPV4> b <IPV4>");
        assertThatThrownBy(() -> PreviewRedactor.preview("short", List.of(new PiiFinding(PiiType.EMAIL, 0, 50)), 10))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageNotContaining("short");
        assertThatThrownBy(() -> PreviewRedactor.preview("x", List.of(), -1))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void overlappingInputFindingsAreMaskedAsTheirUnion() {
        String message = "secret-value-here tail";
        List<PiiFinding> overlapping = List.of(new PiiFinding(PiiType.JWT, 0, 12), new PiiFinding(PiiType.EMAIL, 7, 17));
        assertThat(PreviewRedactor.preview(message, overlapping, 100)).isEqualTo("<JWT> tail");
    }

    @Test
    void longMessagesAreNotFullyCopied() {
        String message = "x".repeat(1_000_000) + " a@b.io";
        assertThat(preview(message, PreviewRedactor.DEFAULT_MAX_CHARS)).hasSize(512).isEqualTo("x".repeat(512));
    }
}
