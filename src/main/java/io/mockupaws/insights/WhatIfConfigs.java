package io.mockupaws.insights;

import io.mockupaws.platform.web.ApiException;
import io.mockupaws.pricing.PipelineConfig;
import jakarta.validation.Validator;
import java.util.Comparator;
import java.util.List;
import org.springframework.stereotype.Component;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DatabindException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * A what-if config: the stored one with the request's keys merged in, then read and validated exactly like a
 * scenario's pipeline, every error a 422 naming the field ({@code pipeline.lambda.memory_mb}).
 */
@Component
class WhatIfConfigs {

    private final JsonMapper json;
    private final Validator validator;

    WhatIfConfigs(JsonMapper json, Validator validator) {
        this.json = json;
        this.validator = validator;
    }

    PipelineConfig merge(PipelineConfig stored, JsonNode patch) {
        if (patch == null || patch.isNull()) return stored;
        if (!patch.isObject()) throw ApiException.invalid("pipeline", "must be an object");
        ObjectNode merged = json.valueToTree(stored);
        deepMerge(merged, (ObjectNode) patch);
        PipelineConfig cfg;
        try {
            cfg = json.treeToValue(merged, PipelineConfig.class);
        } catch (DatabindException e) {
            String message = e.getCause() instanceof IllegalArgumentException iae ? iae.getMessage()
                    : e instanceof tools.jackson.databind.exc.UnrecognizedPropertyException ? "unknown field"
                    : "invalid value";
            throw ApiException.invalid("pipeline" + path(e), message);
        } catch (JacksonException e) {
            throw ApiException.invalid("pipeline", "invalid value");
        }
        List<ApiException.FieldError> errors = validator.validate(cfg).stream()
                .map(v -> new ApiException.FieldError("pipeline." + snake(v.getPropertyPath().toString()), v.getMessage()))
                .sorted(Comparator.comparing(ApiException.FieldError::field)).toList();
        if (!errors.isEmpty()) throw ApiException.invalid(errors);
        return cfg;
    }

    /** Objects merge key by key; anything else (a value, an array, null = "back to the default") replaces. */
    private static void deepMerge(ObjectNode target, ObjectNode patch) {
        for (var e : patch.properties()) {
            JsonNode existing = target.get(e.getKey());
            if (existing != null && existing.isObject() && e.getValue().isObject()) {
                deepMerge((ObjectNode) existing, (ObjectNode) e.getValue());
            } else {
                target.set(e.getKey(), e.getValue());
            }
        }
    }

    private static String path(DatabindException e) {
        StringBuilder sb = new StringBuilder();
        for (var ref : e.getPath()) {
            if (ref.getPropertyName() != null) sb.append('.').append(ref.getPropertyName());
            else if (ref.getIndex() >= 0) sb.append('[').append(ref.getIndex()).append(']');
        }
        return sb.toString();
    }

    /** lambda.memoryMb → lambda.memory_mb (bean-validation paths are Java names). */
    static String snake(String javaPath) {
        StringBuilder sb = new StringBuilder();
        for (char c : javaPath.toCharArray()) {
            if (Character.isUpperCase(c)) sb.append('_').append(Character.toLowerCase(c));
            else sb.append(c);
        }
        return sb.toString();
    }
}
