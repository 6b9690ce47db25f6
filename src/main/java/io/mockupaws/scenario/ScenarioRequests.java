package io.mockupaws.scenario;

import io.mockupaws.pricing.PipelineConfig;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.List;

/** Bodies of the scenario endpoints. Unknown fields are rejected by the JSON mapper, not silently dropped. */
public final class ScenarioRequests {

    private ScenarioRequests() {}

    private static final String TAG = "[\\p{L}\\p{N}][\\p{L}\\p{N} ._:/=+-]{0,63}";

    public record Create(
            @NotBlank @Size(max = 255) String name,
            @Size(max = 10_000) String description,
            @AwsRegion String region,
            @Size(max = 50) List<@NotBlank @Pattern(regexp = TAG, message = "must be 1-64 letters, digits or ._:/=+- and spaces") String> tags,
            @Valid PipelineConfig pipeline) {}

    /** A partial update: absent (or null) fields keep their value; {@code pipeline} replaces the whole config. */
    public record Update(
            @Size(min = 1, max = 255) @Pattern(regexp = ".*\\S.*", message = "must not be blank") String name,
            @Size(max = 10_000) String description,
            @AwsRegion String region,
            @Size(max = 50) List<@NotBlank @Pattern(regexp = TAG, message = "must be 1-64 letters, digits or ._:/=+- and spaces") String> tags,
            @Valid PipelineConfig pipeline) {}
}
