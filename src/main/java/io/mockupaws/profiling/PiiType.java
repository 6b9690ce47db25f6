package io.mockupaws.profiling;

/**
 * Kinds of personal or secret data the profiler looks for in log messages.
 *
 * <p>The {@link #code()} is the stable identifier used in persisted profiles, APIs and the labelled test
 * corpus, so it must never change once released; the {@link #mask()} is what replaces the value in redacted
 * previews. The declaration order is also stable, because {@link EventProfile#piiCounts()} is indexed by
 * {@link #ordinal()}: append new constants, never reorder.
 */
public enum PiiType {
    EMAIL("email", "<EMAIL>"),
    US_SSN("us_ssn", "<SSN>"),
    PAYMENT_CARD("payment_card", "<CARD>"),
    PHONE("phone", "<PHONE>"),
    IPV4("ipv4", "<IPV4>"),
    IPV6("ipv6", "<IPV6>"),
    IBAN("iban", "<IBAN>"),
    AWS_ACCESS_KEY("aws_access_key", "<AWS_KEY>"),
    JWT("jwt", "<JWT>"),
    PRIVATE_KEY("private_key", "<PRIVATE_KEY>");

    private static final PiiType[] VALUES = values();

    private final String code;
    private final String mask;

    PiiType(String code, String mask) {
        this.code = code;
        this.mask = mask;
    }

    /** Stable lowercase identifier, e.g. {@code payment_card}. */
    public String code() {
        return code;
    }

    /** Token that replaces a value of this type in redacted output, e.g. {@code <CARD>}. */
    public String mask() {
        return mask;
    }

    /**
     * Looks a type up by its {@link #code()}.
     *
     * @throws IllegalArgumentException if no type has that code
     */
    public static PiiType fromCode(String code) {
        for (PiiType type : VALUES) {
            if (type.code.equals(code)) {
                return type;
            }
        }
        throw new IllegalArgumentException("Unknown PII type code: '" + code + "'");
    }
}
