package io.mockupaws.pricing;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How a model's tokens are counted: a BPE vocabulary that jtokkit implements ({@code cl100k_base},
 * {@code o200k_base}) or a fixed number of characters per token ({@code chars/N}).
 */
public record Tokenizer(String name) {

    // before the constants: their construction uses it
    private static final Pattern CHARS = Pattern.compile("chars/([1-9][0-9]?)");

    public static final Tokenizer CL100K = new Tokenizer("cl100k_base");
    public static final Tokenizer O200K = new Tokenizer("o200k_base");
    public static final Tokenizer CHARS_4 = new Tokenizer("chars/4");

    /**
     * Characters per token assumed for a BPE vocabulary when tokens must be re-estimated from characters: the
     * "1 token ≈ 4 characters of English text" rule of thumb OpenAI documents for its BPE tokenizers.
     */
    public static final int BPE_CHARS_PER_TOKEN = 4;

    public Tokenizer {
        Objects.requireNonNull(name, "name");
        if (!name.equals("cl100k_base") && !name.equals("o200k_base") && !CHARS.matcher(name).matches()) {
            throw new IllegalArgumentException("'" + name + "' is not a tokenizer (cl100k_base, o200k_base or chars/N)");
        }
    }

    @JsonCreator
    public static Tokenizer of(String name) {
        return new Tokenizer(name);
    }

    @JsonValue
    @Override
    public String name() {
        return name;
    }

    /** True for {@code chars/N}: a count derived from characters, not from a vocabulary. */
    public boolean isCharsPerToken() {
        return CHARS.matcher(name).matches();
    }

    /** N of {@code chars/N}, or {@link #BPE_CHARS_PER_TOKEN} for a BPE vocabulary. */
    public int charsPerToken() {
        Matcher m = CHARS.matcher(name);
        return m.matches() ? Integer.parseInt(m.group(1)) : BPE_CHARS_PER_TOKEN;
    }

    @Override
    public String toString() {
        return name;
    }
}
