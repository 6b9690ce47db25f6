package io.mockupaws.insights;

import io.mockupaws.pricing.BedrockModel;
import io.mockupaws.pricing.Tokenizer;

/**
 * Which token figure a cost uses. Stored tokens were counted at ingest with the tokenizer of the scenario's model;
 * pricing another model whose tokenizer differs re-estimates them from the stored character counts, per minute
 * {@code ceil(chars / N)}: N of {@code chars/N}, or {@link Tokenizer#BPE_CHARS_PER_TOKEN} for a BPE vocabulary. Simple
 * and honest rather than a guessed conversion ratio between two vocabularies; the response says so.
 *
 * @param charsPerToken null: use the counted tokens
 */
record TokenPlan(Tokenizer tokenizer, Tokenizer countedWith, Integer charsPerToken, boolean estimated, String method) {

    static TokenPlan of(BedrockModel ingestModel, BedrockModel priced) {
        Tokenizer counted = ingestModel == null ? priced.tokenizer() : ingestModel.tokenizer();
        if (counted.equals(priced.tokenizer())) {
            boolean exact = priced.tokensExact() && (ingestModel == null || ingestModel.tokensExact());
            return new TokenPlan(priced.tokenizer(), counted, null, !exact,
                    "counted at ingest with " + counted + (exact ? "" : ", an estimate of the model's own tokenizer"));
        }
        int n = priced.tokenizer().charsPerToken();
        return new TokenPlan(priced.tokenizer(), counted, n, true,
                "re-estimated from the stored character counts as ceil(chars / " + n + ") per minute, because "
                        + priced.modelId() + " counts with " + priced.tokenizer() + " and the traffic was counted with "
                        + counted + (priced.tokenizer().isCharsPerToken() ? ""
                        : " (" + n + " characters per token: the usual rule of thumb for BPE vocabularies)"));
    }

    InsightsViews.TokenInfo view() {
        return new InsightsViews.TokenInfo(tokenizer.name(), countedWith.name(), estimated, method);
    }
}
