package io.mockupaws.profiling;

import com.knuddels.jtokkit.Encodings;
import com.knuddels.jtokkit.api.Encoding;
import com.knuddels.jtokkit.api.EncodingType;
import java.util.Objects;

/**
 * Resolves {@link TokenCounter}s by name.
 *
 * <p>Supported names:
 * <ul>
 *   <li>{@code cl100k_base} and {@code o200k_base}: exact BPE counts via jtokkit;</li>
 *   <li>{@code chars/N} (N &ge; 1): the cheap "one token per N characters" estimate, counted in Unicode code
 *       points so that emoji or CJK text is not over-counted by its UTF-16 surrogates.</li>
 * </ul>
 *
 * <p>Loading a BPE vocabulary parses a multi-megabyte rank file, so each encoding lives in its own lazily
 * initialised holder: it is built once, on first use, and only if that encoding is actually requested.
 */
public final class Tokenizers {

    public static final String CL100K_BASE = "cl100k_base";
    public static final String O200K_BASE = "o200k_base";
    private static final String CHARS_PREFIX = "chars/";

    private Tokenizers() {
    }

    /**
     * Returns the counter for {@code name}.
     *
     * @throws IllegalArgumentException if the name is unknown or {@code chars/N} has an invalid N
     */
    public static TokenCounter forName(String name) {
        Objects.requireNonNull(name, "tokenizer name");
        return switch (name) {
            case CL100K_BASE -> Cl100k.COUNTER;
            case O200K_BASE -> O200k.COUNTER;
            default -> {
                if (name.startsWith(CHARS_PREFIX)) {
                    yield new CharsPerToken(name, parseCharsPerToken(name));
                }
                throw new IllegalArgumentException("Unknown tokenizer '" + name
                        + "'; expected cl100k_base, o200k_base or chars/N with N >= 1");
            }
        };
    }

    private static int parseCharsPerToken(String name) {
        String digits = name.substring(CHARS_PREFIX.length());
        int n;
        try {
            n = Integer.parseInt(digits);
        } catch (NumberFormatException e) {
            n = 0;
        }
        if (n < 1 || !digits.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw new IllegalArgumentException("Invalid tokenizer '" + name
                    + "': N in chars/N must be an integer >= 1");
        }
        return n;
    }

    /** Adapts a jtokkit {@link Encoding} to {@link TokenCounter}. */
    private record BpeCounter(String name, Encoding encoding) implements TokenCounter {
        @Override
        public int count(String text) {
            // countTokensOrdinary: log text may legitimately contain "<|endoftext|>"; it must be counted as
            // plain text, never rejected, and counting skips building the token list.
            return encoding.countTokensOrdinary(text);
        }
    }

    /** {@code ceil(codePoints / charsPerToken)}. */
    private record CharsPerToken(String name, int charsPerToken) implements TokenCounter {
        @Override
        public int count(String text) {
            long codePoints = text.codePointCount(0, text.length());
            return (int) ((codePoints + charsPerToken - 1) / charsPerToken);
        }
    }

    /** Holder idiom: the JVM initialises this class, and so loads the vocabulary, on first access only. */
    private static final class Cl100k {
        static final TokenCounter COUNTER = new BpeCounter(CL100K_BASE,
                Encodings.newLazyEncodingRegistry().getEncoding(EncodingType.CL100K_BASE));
    }

    private static final class O200k {
        static final TokenCounter COUNTER = new BpeCounter(O200K_BASE,
                Encodings.newLazyEncodingRegistry().getEncoding(EncodingType.O200K_BASE));
    }
}
