package io.mockupaws.pricing;

import java.time.Instant;
import java.util.Objects;

/**
 * A Bedrock model of the price book.
 *
 * @param modelId      the Bedrock model id a pipeline config names, e.g. {@code anthropic.claude-3-haiku-20240307-v1:0}
 * @param provider     e.g. "Anthropic"
 * @param displayName  the model's name in the AWS Price List ({@code model} attribute), e.g. "Claude 3 Haiku": how
 *                     the importer maps an offer row to a model id
 * @param tokenizer    what ingest counts this model's tokens with
 * @param tokensExact  true only if {@code tokenizer} is the model's own; otherwise every count is an estimate
 * @param deprecatedAt when AWS deprecated the model, or null
 */
public record BedrockModel(String modelId, String provider, String displayName, Tokenizer tokenizer,
                           boolean tokensExact, Instant deprecatedAt) {

    public BedrockModel {
        Objects.requireNonNull(modelId, "modelId");
        Objects.requireNonNull(provider, "provider");
        Objects.requireNonNull(displayName, "displayName");
        Objects.requireNonNull(tokenizer, "tokenizer");
    }
}
