package io.mockupaws.pricing;

/**
 * What one versioned set of tiers prices: a dimension (e.g. "compute GB-seconds") of a service in a region, for a
 * variant (queue type, architecture or model id).
 */
record PriceKey(String service, String region, String dimension, String variant) {

    @Override
    public String toString() {
        return service + " " + region + " " + dimension + " (" + variant + ")";
    }
}
