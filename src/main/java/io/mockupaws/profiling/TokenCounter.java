package io.mockupaws.profiling;

/**
 * Counts the tokens a text would cost under one named tokenizer.
 *
 * <p>LLM-backed pipelines are priced per token, so cost prediction needs a token count per event; the
 * tokenizer is named because different model families tokenize the same text differently.
 * Implementations must be thread-safe: one instance is shared by all ingest threads.
 */
public interface TokenCounter {

    /** The name this counter was resolved from, e.g. {@code cl100k_base} or {@code chars/4}. */
    String name();

    /** Number of tokens {@code text} encodes to; never negative, 0 for the empty string. */
    int count(String text);
}
