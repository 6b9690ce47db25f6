package io.mockupaws.pricing;

import java.util.Map;

/**
 * Older offer files name a product's region only by its display name ({@code location}); newer ones also carry
 * {@code regionCode}, which wins. The names are AWS's own, as the Price List spells them.
 */
final class AwsLocations {

    private AwsLocations() {}

    private static final Map<String, String> CODES = Map.ofEntries(
            Map.entry("US East (N. Virginia)", "us-east-1"), Map.entry("US East (Ohio)", "us-east-2"),
            Map.entry("US West (N. California)", "us-west-1"), Map.entry("US West (Oregon)", "us-west-2"),
            Map.entry("Africa (Cape Town)", "af-south-1"),
            Map.entry("Asia Pacific (Hong Kong)", "ap-east-1"), Map.entry("Asia Pacific (Mumbai)", "ap-south-1"),
            Map.entry("Asia Pacific (Hyderabad)", "ap-south-2"), Map.entry("Asia Pacific (Singapore)", "ap-southeast-1"),
            Map.entry("Asia Pacific (Sydney)", "ap-southeast-2"), Map.entry("Asia Pacific (Jakarta)", "ap-southeast-3"),
            Map.entry("Asia Pacific (Melbourne)", "ap-southeast-4"), Map.entry("Asia Pacific (Tokyo)", "ap-northeast-1"),
            Map.entry("Asia Pacific (Seoul)", "ap-northeast-2"), Map.entry("Asia Pacific (Osaka)", "ap-northeast-3"),
            Map.entry("Canada (Central)", "ca-central-1"), Map.entry("Canada West (Calgary)", "ca-west-1"),
            Map.entry("EU (Frankfurt)", "eu-central-1"), Map.entry("EU (Zurich)", "eu-central-2"),
            Map.entry("EU (Ireland)", "eu-west-1"), Map.entry("EU (London)", "eu-west-2"), Map.entry("EU (Paris)", "eu-west-3"),
            Map.entry("EU (Milan)", "eu-south-1"), Map.entry("EU (Spain)", "eu-south-2"), Map.entry("EU (Stockholm)", "eu-north-1"),
            Map.entry("Israel (Tel Aviv)", "il-central-1"), Map.entry("Middle East (Bahrain)", "me-south-1"),
            Map.entry("Middle East (UAE)", "me-central-1"), Map.entry("South America (Sao Paulo)", "sa-east-1"),
            Map.entry("AWS GovCloud (US-East)", "us-gov-east-1"), Map.entry("AWS GovCloud (US-West)", "us-gov-west-1"));

    /** The region code of a location name, or null. */
    static String regionOf(String location) {
        return location == null ? null : CODES.get(location);
    }
}
