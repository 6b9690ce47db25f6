package io.mockupaws.profiling;

/**
 * Checksum and structure validators behind the PII rules.
 *
 * <p>Shape alone (digit counts, separators) produces far too many false positives in logs, which are full of
 * ids, timestamps and counters; these checks are what turns "looks like" into "is". They work on char ranges
 * of the scanned text so the detector never has to copy candidate values into new strings.
 */
final class PiiValidators {

    /** IBAN length per ISO 13616 country code, indexed by {@code (c1 - 'A') * 26 + (c2 - 'A')}; 0 = unknown. */
    private static final byte[] IBAN_LENGTHS = new byte[26 * 26];

    static {
        String table = "AD24 AE23 AL28 AT20 AZ28 BA20 BE16 BG22 BH22 BR29 CH21 CR22 CY28 CZ24 DE22 DK18 DO28 EE20"
                + " EG29 ES24 FI18 FO18 FR27 GB22 GE22 GI23 GL18 GR27 GT28 HR21 HU28 IE22 IL23 IS26 IT27 JO30"
                + " KW30 KZ20 LB28 LI21 LT20 LU20 LV21 MC27 MD24 ME22 MK19 MR27 MT31 MU30 NL18 NO15 PK24 PL28"
                + " PS29 PT25 QA29 RO24 RS22 SA24 SE24 SI19 SK24 SM27 TN24 TR26 UA29 VG24 XK20";
        for (String entry : table.split(" ")) {
            IBAN_LENGTHS[(entry.charAt(0) - 'A') * 26 + (entry.charAt(1) - 'A')] =
                    (byte) Integer.parseInt(entry.substring(2));
        }
    }

    private PiiValidators() {
    }

    // ---------------------------------------------------------------- payment cards

    /** Luhn (mod-10) check over the digits in {@code [from, to)}; separators are skipped. */
    static boolean luhnValid(CharSequence s, int from, int to) {
        int sum = 0;
        boolean doubleIt = false;
        int digits = 0;
        for (int i = to - 1; i >= from; i--) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                continue;
            }
            int d = c - '0';
            if (doubleIt) {
                d *= 2;
                if (d > 9) {
                    d -= 9;
                }
            }
            sum += d;
            doubleIt = !doubleIt;
            digits++;
        }
        return digits > 1 && sum % 10 == 0;
    }

    /**
     * Whether a card number of {@code length} digits starting with the 6-digit {@code prefix} belongs to a
     * real issuer range. Random 16-digit ids pass Luhn one time in ten; restricting to issuer ranges and their
     * lengths removes a good share of those without losing real cards.
     */
    static boolean cardIssuerPlausible(int prefix, int length) {
        int p2 = prefix / 10_000;
        int p3 = prefix / 1_000;
        int p4 = prefix / 100;
        if (p2 / 10 == 4) {                                           // Visa
            return length == 13 || length == 16 || length == 19;
        }
        if (p2 >= 51 && p2 <= 55 || p4 >= 2221 && p4 <= 2720) {       // Mastercard
            return length == 16;
        }
        if (p2 == 34 || p2 == 37) {                                    // American Express
            return length == 15;
        }
        if (p4 == 6011 || p2 == 65 || p3 >= 644 && p3 <= 649) {       // Discover
            return length >= 16;
        }
        if (p4 >= 3528 && p4 <= 3589) {                                // JCB
            return length >= 16;
        }
        if (p3 >= 300 && p3 <= 305 || p2 == 36 || p2 == 38) {          // Diners Club
            return length >= 14;
        }
        if (p2 == 62) {                                                // UnionPay
            return length >= 16;
        }
        return p2 == 50 || p2 >= 56 && p2 <= 69;                       // Maestro: 12-19, we only see 13+
    }

    /** First six digits in {@code [from, to)} as an int, separators skipped; callers guarantee 13+ digits. */
    static int leadingSixDigits(CharSequence s, int from, int to) {
        int value = 0;
        int taken = 0;
        for (int i = from; i < to && taken < 6; i++) {
            char c = s.charAt(i);
            if (c >= '0' && c <= '9') {
                value = value * 10 + (c - '0');
                taken++;
            }
        }
        return value;
    }

    // ---------------------------------------------------------------- US social security numbers

    /**
     * SSA issuance rules: area 000, 666 and 900-999 were never issued, nor group 00 or serial 0000. Applying
     * them rejects the placeholder and test numbers that fill logs (000-00-0000, 999-99-9999, ...).
     */
    static boolean ssaValid(int area, int group, int serial) {
        return area > 0 && area != 666 && area < 900 && group > 0 && group <= 99 && serial > 0 && serial <= 9999;
    }

    // ---------------------------------------------------------------- IBAN

    /** Expected IBAN length for a country code, or 0 if the country is not in the table. */
    static int ibanLength(char c1, char c2) {
        if (c1 < 'A' || c1 > 'Z' || c2 < 'A' || c2 > 'Z') {
            return 0;
        }
        return IBAN_LENGTHS[(c1 - 'A') * 26 + (c2 - 'A')];
    }

    /**
     * ISO 7064 mod-97 check of a compact (no spaces) upper-case IBAN: rotate the first four chars to the end,
     * map letters to 10..35 and require remainder 1. The remainder is folded per char so no big number is built.
     */
    static boolean ibanChecksumValid(CharSequence iban) {
        int len = iban.length();
        if (len < 5 || ibanLength(iban.charAt(0), iban.charAt(1)) != len) {
            return false;
        }
        int remainder = 0;
        for (int k = 0; k < len; k++) {
            char c = iban.charAt((k + 4) % len);
            if (c >= '0' && c <= '9') {
                remainder = (remainder * 10 + (c - '0')) % 97;
            } else if (c >= 'A' && c <= 'Z') {
                remainder = (remainder * 100 + (c - 'A' + 10)) % 97;
            } else {
                return false;
            }
        }
        return remainder == 1;
    }

    // ---------------------------------------------------------------- IP addresses

    /**
     * Strict dotted quad: four 1-3 digit parts, each 0-255. Leading zeros are accepted only in the fully
     * zero-padded form some network gear logs ({@code 192.168.001.010}); a stray one ({@code 1.02.3.4}) is far
     * more likely a version or an id.
     */
    static boolean ipv4Valid(CharSequence s, int from, int to) {
        int parts = 0;
        boolean leadingZero = false;
        boolean allThreeDigits = true;
        int i = from;
        while (i < to) {
            int partStart = i;
            int value = 0;
            while (i < to && i - partStart < 4) {
                char c = s.charAt(i);
                if (c < '0' || c > '9') {
                    break;
                }
                value = value * 10 + (c - '0');
                i++;
            }
            int partLen = i - partStart;
            if (partLen == 0 || partLen > 3 || value > 255) {
                return false;
            }
            leadingZero |= partLen > 1 && s.charAt(partStart) == '0';
            allThreeDigits &= partLen == 3;
            parts++;
            if (i == to) {
                break;
            }
            if (s.charAt(i) != '.' || parts == 4) {
                return false;
            }
            i++;
            if (i == to) {
                return false;
            }
        }
        return parts == 4 && (!leadingZero || allThreeDigits);
    }

    /**
     * Hand-written RFC 4291 text-form validator: eight 1-4 hex-digit groups, or fewer with exactly one
     * {@code ::}, optionally ending in an embedded dotted quad (which counts as two groups).
     *
     * <p>Deliberately not {@code InetAddress.getByName}: on arbitrary log text that may trigger DNS lookups.
     */
    static boolean ipv6Valid(CharSequence s, int from, int to) {
        int len = to - from;
        if (len < 3 || len > 45) {
            return false;
        }
        int groups = 0;
        boolean compressed = false;
        int i = from;
        if (s.charAt(i) == ':') {
            if (s.charAt(i + 1) != ':') {
                return false;
            }
            compressed = true;
            i += 2;
        }
        while (i < to) {
            int groupStart = i;
            while (i < to && i - groupStart < 5 && isHexDigit(s.charAt(i))) {
                i++;
            }
            if (i < to && s.charAt(i) == '.') {
                // An embedded IPv4 must be the last thing in the address.
                if (!ipv4Valid(s, groupStart, to)) {
                    return false;
                }
                groups += 2;
                break;
            }
            int groupLen = i - groupStart;
            if (groupLen == 0 || groupLen > 4) {
                return false;
            }
            groups++;
            if (i == to) {
                break;
            }
            if (s.charAt(i) != ':') {
                return false;
            }
            i++;
            if (i < to && s.charAt(i) == ':') {
                if (compressed) {
                    return false;
                }
                compressed = true;
                i++;
            } else if (i == to) {
                return false;
            }
        }
        return compressed ? groups <= 7 : groups == 8;
    }

    static boolean isHexDigit(char c) {
        return c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F';
    }

    // ---------------------------------------------------------------- JWT

    /**
     * Whether the base64url segment {@code [from, to)} decodes to something containing {@code "alg"}: every
     * JWS/JWE header must name its algorithm, and arbitrary base64 starting with {@code eyJ} (any JSON object)
     * almost never has it. Decodes by hand into a small buffer, no exceptions on malformed input.
     */
    static boolean jwtHeaderHasAlg(CharSequence s, int from, int to) {
        int len = to - from;
        if (len < 8 || len > 4096 || len % 4 == 1) {
            return false;
        }
        byte[] decoded = new byte[len * 3 / 4];
        int out = 0;
        int buffer = 0;
        int bits = 0;
        for (int i = from; i < to; i++) {
            int v = base64UrlValue(s.charAt(i));
            if (v < 0) {
                return false;
            }
            buffer = (buffer << 6) | v;
            bits += 6;
            if (bits >= 8) {
                bits -= 8;
                decoded[out++] = (byte) (buffer >> bits);
            }
        }
        for (int i = 0; i + 5 <= out; i++) {
            if (decoded[i] == '"' && decoded[i + 1] == 'a' && decoded[i + 2] == 'l' && decoded[i + 3] == 'g'
                    && decoded[i + 4] == '"') {
                return true;
            }
        }
        return false;
    }

    static int base64UrlValue(char c) {
        if (c >= 'A' && c <= 'Z') {
            return c - 'A';
        }
        if (c >= 'a' && c <= 'z') {
            return c - 'a' + 26;
        }
        if (c >= '0' && c <= '9') {
            return c - '0' + 52;
        }
        if (c == '-') {
            return 62;
        }
        return c == '_' ? 63 : -1;
    }
}
