package io.mockupaws.profiling;

import java.nio.CharBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * Finds personal and secret data ({@link PiiType}) in log messages.
 *
 * <h2>Why hand-written scanners instead of regexes</h2>
 * Every ingested event goes through here, so the budget is a few microseconds per ~300-char message.
 * Running ten regexes with {@code find()} over every message would cost more than the rest of profiling
 * together. Instead a single pre-scan pass records every digit run and a handful of cheap anchors
 * ({@code '@'}, {@code "eyJ"}, five dashes, long upper-case runs, colons). Each rule runs only when its
 * anchor is present and then inspects only the candidate positions, with explicit boundary checks. Nothing
 * backtracks, so the cost is linear in the message length whatever the input.
 *
 * <h2>Overlaps</h2>
 * Findings never overlap. Rules run in priority order and a candidate overlapping an already accepted finding
 * is dropped:
 * {@code PRIVATE_KEY > JWT > EMAIL > IBAN > PAYMENT_CARD > AWS_ACCESS_KEY > US_SSN > IPV6 > IPV4 > PHONE}.
 * The order goes from the most specific, self-validating shapes (PEM armour, signed JSON header, {@code @})
 * to the loosest one (phone numbers are "digits with separators"), so the loose rules cannot steal part of
 * a stronger match: the digits inside an email's local part or an IBAN are not also reported as a phone.
 *
 * <h2>Rule summary</h2>
 * <ul>
 *   <li>EMAIL: {@code local@label.label...tld}, local part {@code [A-Za-z0-9._%+-]}, TLD of 2+ letters; the
 *       at-sign may be URL-encoded ({@code %40}) as in access-log query strings.</li>
 *   <li>US_SSN: {@code AAA-GG-SSSS} or {@code AAA GG SSSS}; a bare 9-digit number only right after a keyword
 *       ({@code ssn}, {@code social...}). SSA rules: area not 000/666/900-999, group not 00, serial not 0000.</li>
 *   <li>PAYMENT_CARD: 13-19 digits, contiguous or in groups (first group of 4, then 3-6 digit groups, one
 *       consistent separator, space or dash), Luhn-valid, issuer prefix and length plausible.</li>
 *   <li>PHONE: {@code +CC} (or {@code %2B}) international numbers: 8-15 digits grouped by space, dash, dot or
 *       parentheses, 10-15 digits when written without separators;
 *       North-American {@code (AAA) EEE-SSSS}, {@code AAA-EEE-SSSS}, {@code AAA.EEE.SSSS} (area code 2-9);
 *       parenthesised trunk-prefixed area codes {@code (020) 7946-0958}.
 *       Shapes that collide with ordinary log numbers ({@code AAA EEE SSSS}, trunk-prefix national numbers
 *       like {@code 020 7946 0958}, bare 10-15 digit runs) count only right after a phone keyword
 *       ({@code phone}, {@code tel}, {@code mobile}, {@code cell}, {@code fax}, {@code sms}, {@code msisdn}).</li>
 *   <li>IPV4: strict dotted quad, not inside a longer dotted run, not a {@code Product/1.2.3.4} version or a
 *       {@code /lib/1.2.3.4/} path segment, not right after {@code version}/{@code build}/{@code release}.</li>
 *   <li>IPV6: maximal hex/colon/dot span, validated by {@link PiiValidators#ipv6Valid}, must contain a digit.</li>
 *   <li>IBAN: country length table, compact or grouped in fours by single spaces, mod-97; any letter case.</li>
 *   <li>AWS_ACCESS_KEY: known 4-letter prefix + 16 of {@code [A-Z0-9]}, alnum-bounded. The real alphabet is
 *       base32 ({@code A-Z2-7}) but AWS's own documented examples contain other digits, so those are allowed.</li>
 *   <li>JWT: {@code eyJ...}.{@code payload}.{@code signature} in base64url whose header decodes to JSON with
 *       an {@code "alg"} member.</li>
 *   <li>PRIVATE_KEY: PEM {@code BEGIN ... PRIVATE KEY} through the END line, or to the end of a truncated
 *       message.</li>
 * </ul>
 *
 * <p>Instances are stateless and therefore thread-safe; share one. Neither the text nor any matched value is
 * ever logged or placed in an exception message.
 */
public final class PiiDetector {

    private static final String[] AWS_KEY_PREFIXES = {
            "AKIA", "ASIA", "ABIA", "ACCA", "AGPA", "AIDA", "AIPA", "ANPA", "ANVA", "AROA", "APKA", "ASCA"};
    private static final String[] PEM_KEY_KINDS = {"RSA ", "EC ", "DSA ", "OPENSSH ", "ENCRYPTED ", ""};
    private static final String[] PHONE_KEYWORDS = {"phone", "tel", "mobile", "cell", "fax", "sms", "msisdn"};
    private static final String[] SSN_KEYWORDS = {"ssn", "social"};
    private static final String[] VERSION_KEYWORDS = {"version", "build", "release"};

    /** Keywords must appear this close (in chars) before the number they qualify. */
    private static final int KEYWORD_WINDOW = 24;

    /**
     * Returns the PII found in {@code text}: an immutable list sorted by start offset, without overlaps,
     * empty (and then allocation-free apart from the pre-scan) in the common case of a message without PII.
     */
    public List<PiiFinding> find(CharSequence text) {
        Objects.requireNonNull(text, "text");
        String s = text.toString();
        if (s.isEmpty()) {
            return List.of();
        }
        PreScan scan = new PreScan(s);
        Findings found = new Findings();
        // Priority order; see the class comment.
        if (scan.pemAnchor) {
            findPrivateKeys(s, found);
        }
        if (scan.jwtAnchor) {
            findJwts(s, found);
        }
        if (scan.atSign || scan.percentSign) {
            findEmails(s, found);
        }
        if (scan.ibanAnchor) {
            findIbans(s, scan, found);
        }
        if (scan.digitCount >= 13) {
            findPaymentCards(s, scan, found);
        }
        if (scan.awsAnchor) {
            findAwsKeys(s, found);
        }
        if (scan.digitCount >= 9) {
            findSsns(s, scan, found);
        }
        if (scan.colonCount >= 2) {
            findIpv6(s, found);
        }
        if (scan.runCount >= 4) {
            findIpv4(s, scan, found);
        }
        if (scan.digitCount >= 8) {
            findPhones(s, scan, found);
        }
        return found.sortedList();
    }

    // ====================================================================== pre-scan

    /**
     * One pass over the text recording digit runs and the anchors that gate the rules. Digit runs are the
     * backbone of the numeric rules (card, SSN, IPv4, phone): they all reason about "runs and what separates
     * them", so the runs are found once instead of once per rule.
     */
    private static final class PreScan {
        int[] runStart = new int[16];
        int[] runEnd = new int[16];
        int runCount;
        int digitCount;
        int colonCount;
        boolean atSign;
        boolean percentSign;
        boolean pemAnchor;
        boolean jwtAnchor;
        boolean ibanAnchor;
        boolean awsAnchor;

        PreScan(String s) {
            int n = s.length();
            int runBegin = -1;
            int dashes = 0;
            int upperAlnumRun = 0;
            for (int i = 0; i < n; i++) {
                char c = s.charAt(i);
                if (c >= '0' && c <= '9') {
                    if (runBegin < 0) {
                        runBegin = i;
                    } else if (runBegin == i - 1 && i >= 3 && isAsciiLetter(s.charAt(i - 2))
                            && isAsciiLetter(s.charAt(i - 3))) {
                        ibanAnchor = true;
                    }
                    digitCount++;
                    if (++upperAlnumRun >= 20) {
                        awsAnchor = true;
                    }
                    dashes = 0;
                    continue;
                }
                if (runBegin >= 0) {
                    addRun(runBegin, i);
                    runBegin = -1;
                }
                if (c >= 'A' && c <= 'Z') {
                    if (++upperAlnumRun >= 20) {
                        awsAnchor = true;
                    }
                    if (c == 'J' && i >= 2 && s.charAt(i - 1) == 'y' && s.charAt(i - 2) == 'e') {
                        jwtAnchor = true;
                    }
                    dashes = 0;
                    continue;
                }
                upperAlnumRun = 0;
                if (c == '-') {
                    if (++dashes >= 5) {
                        pemAnchor = true;
                    }
                    continue;
                }
                dashes = 0;
                if (c == ':') {
                    colonCount++;
                } else if (c == '@') {
                    atSign = true;
                } else if (c == '%') {
                    percentSign = true;
                }
            }
            if (runBegin >= 0) {
                addRun(runBegin, n);
            }
        }

        private void addRun(int start, int end) {
            if (runCount == runStart.length) {
                runStart = Arrays.copyOf(runStart, runCount * 2);
                runEnd = Arrays.copyOf(runEnd, runCount * 2);
            }
            runStart[runCount] = start;
            runEnd[runCount] = end;
            runCount++;
        }

        int len(int run) {
            return runEnd[run] - runStart[run];
        }

        /** Whether runs {@code run} and {@code run + 1} are separated by exactly one char, and which. */
        char singleSeparatorAfter(String s, int run) {
            if (run + 1 >= runCount || runStart[run + 1] != runEnd[run] + 1) {
                return 0;
            }
            return s.charAt(runEnd[run]);
        }
    }

    // ====================================================================== accepted findings

    /** Accumulates findings, rejecting any that overlap an earlier (= higher-priority) one. */
    private static final class Findings {
        private List<PiiFinding> items;

        boolean add(PiiType type, int start, int end) {
            PiiFinding candidate = new PiiFinding(type, start, end);
            if (items == null) {
                items = new ArrayList<>(4);
            } else {
                for (PiiFinding accepted : items) {
                    if (accepted.overlaps(candidate)) {
                        return false;
                    }
                }
            }
            items.add(candidate);
            return true;
        }

        List<PiiFinding> sortedList() {
            if (items == null) {
                return List.of();
            }
            items.sort(Comparator.comparingInt(PiiFinding::start));
            return List.copyOf(items);
        }
    }

    // ====================================================================== PRIVATE_KEY

    private static void findPrivateKeys(String s, Findings found) {
        int from = 0;
        int begin;
        while ((begin = s.indexOf("-----BEGIN ", from)) >= 0) {
            int afterBegin = begin + "-----BEGIN ".length();
            int headerEnd = -1;
            for (String kind : PEM_KEY_KINDS) {
                if (s.startsWith(kind, afterBegin) && s.startsWith("PRIVATE KEY-----", afterBegin + kind.length())) {
                    headerEnd = afterBegin + kind.length() + "PRIVATE KEY-----".length();
                    break;
                }
            }
            if (headerEnd < 0) {
                from = afterBegin;        // a certificate or public key: not secret
                continue;
            }
            // Log lines often carry a truncated key; everything after the header is key material then.
            int end = s.length();
            int endMarker = s.indexOf("-----END ", headerEnd);
            if (endMarker >= 0) {
                int close = s.indexOf("-----", endMarker + "-----END ".length());
                end = close < 0 ? s.length() : close + 5;
            }
            found.add(PiiType.PRIVATE_KEY, begin, end);
            from = end;
        }
    }

    // ====================================================================== JWT

    private static void findJwts(String s, Findings found) {
        int n = s.length();
        int i = s.indexOf("eyJ");
        while (i >= 0) {
            int next = i + 1;
            if (i == 0 || PiiValidators.base64UrlValue(s.charAt(i - 1)) < 0) {
                int headerEnd = skipBase64Url(s, i);
                if (headerEnd < n && s.charAt(headerEnd) == '.') {
                    int payloadEnd = skipBase64Url(s, headerEnd + 1);
                    // Signature may be empty for unsecured ("alg":"none") tokens, but the dot must be there.
                    if (payloadEnd - headerEnd > 2 && payloadEnd < n && s.charAt(payloadEnd) == '.') {
                        int end = skipBase64Url(s, payloadEnd + 1);
                        // JWE compact form has five segments; keep the whole token together.
                        while (end + 1 < n && s.charAt(end) == '.' && PiiValidators.base64UrlValue(s.charAt(end + 1)) >= 0) {
                            end = skipBase64Url(s, end + 1);
                        }
                        if (PiiValidators.jwtHeaderHasAlg(s, i, headerEnd) && found.add(PiiType.JWT, i, end)) {
                            next = end;
                        }
                    }
                }
            }
            i = s.indexOf("eyJ", next);
        }
    }

    private static int skipBase64Url(String s, int from) {
        int i = from;
        int n = s.length();
        while (i < n && PiiValidators.base64UrlValue(s.charAt(i)) >= 0) {
            i++;
        }
        return i;
    }

    // ====================================================================== EMAIL

    private static void findEmails(String s, Findings found) {
        int at = s.indexOf('@');
        while (at >= 0) {
            int end = emailAround(s, at, 1, found);
            at = s.indexOf('@', Math.max(end, at + 1));
        }
        // Access logs record query strings URL-encoded: "email=jane%40example.com".
        at = s.indexOf("%40");
        while (at >= 0) {
            int end = emailAround(s, at, 3, found);
            at = s.indexOf("%40", Math.max(end, at + 1));
        }
    }

    /**
     * Tries an email around the at-sign of {@code atLength} chars ({@code @} or {@code %40}) at {@code at};
     * returns where the next search may start.
     */
    private static int emailAround(String s, int at, int atLength, Findings found) {
        int localStart = at;
        while (localStart > 0 && isEmailLocalChar(s.charAt(localStart - 1))) {
            localStart--;
        }
        while (localStart < at && s.charAt(localStart) == '.') {
            localStart++;
        }
        if (localStart == at || at - localStart > 64 || s.charAt(at - 1) == '.') {
            return at + 1;
        }
        int n = s.length();
        int p = at + atLength;
        int labels = 0;
        int lastLabelStart = -1;
        int lastLabelEnd = -1;
        while (true) {
            int labelStart = p;
            while (p < n && isDomainLabelChar(s.charAt(p))) {
                p++;
            }
            int labelEnd = p;
            if (labelEnd == labelStart || labelEnd - labelStart > 63) {
                break;
            }
            labels++;
            lastLabelStart = labelStart;
            lastLabelEnd = labelEnd;
            if (s.charAt(labelStart) == '-' || s.charAt(labelEnd - 1) == '-') {
                break;            // only acceptable for the last label, whose trailing dashes are trimmed below
            }
            if (p + 1 < n && s.charAt(p) == '.' && isDomainLabelChar(s.charAt(p + 1))) {
                p++;
                continue;
            }
            break;
        }
        if (labels < 2) {
            return at + 1;
        }
        while (lastLabelEnd > lastLabelStart && s.charAt(lastLabelEnd - 1) == '-') {
            lastLabelEnd--;
        }
        int tldLength = lastLabelEnd - lastLabelStart;
        if (tldLength < 2 || tldLength > 24) {
            return at + 1;
        }
        for (int k = lastLabelStart; k < lastLabelEnd; k++) {
            char c = s.charAt(k);
            if (!isAsciiLetter(c) && !(c > 127 && Character.isLetter(c))) {
                return at + 1;
            }
        }
        found.add(PiiType.EMAIL, localStart, lastLabelEnd);
        return lastLabelEnd;
    }

    // Internationalised addresses (RFC 6531/IDN) use non-ASCII letters in both parts.
    private static boolean isEmailLocalChar(char c) {
        return isAsciiAlnum(c) || c == '.' || c == '_' || c == '%' || c == '+' || c == '-' || isNonAsciiLetterOrDigit(c);
    }

    private static boolean isDomainLabelChar(char c) {
        return isAsciiAlnum(c) || c == '-' || isNonAsciiLetterOrDigit(c);
    }

    private static boolean isNonAsciiLetterOrDigit(char c) {
        return c > 127 && Character.isLetterOrDigit(c);
    }

    // ====================================================================== IBAN

    private static void findIbans(String s, PreScan scan, Findings found) {
        int n = s.length();
        char[] compact = new char[34];
        for (int r = 0; r < scan.runCount; r++) {
            int digitsStart = scan.runStart[r];
            if (scan.len(r) < 2 || digitsStart < 2) {
                continue;
            }
            int start = digitsStart - 2;
            // Upper-case is the norm, but customers type lower case and mod-97 protects precision either way.
            int expected = PiiValidators.ibanLength(toUpper(s.charAt(start)), toUpper(s.charAt(start + 1)));
            if (expected == 0 || start > 0 && isAsciiAlnum(s.charAt(start - 1))) {
                continue;
            }
            // Either compact, or grouped in fours by single spaces ("GB82 WEST 1234 ...").
            boolean grouped = start + 4 < n && s.charAt(start + 4) == ' ';
            int count = 0;
            int p = start;
            while (count < expected && p < n) {
                if (grouped && count > 0 && count % 4 == 0) {
                    if (s.charAt(p) != ' ') {
                        break;
                    }
                    p++;
                    if (p == n) {
                        break;
                    }
                }
                char c = s.charAt(p);
                if (!isAsciiAlnum(c)) {
                    break;
                }
                compact[count++] = toUpper(c);
                p++;
            }
            if (count != expected || p < n && isAsciiAlnum(s.charAt(p))) {
                continue;
            }
            if (PiiValidators.ibanChecksumValid(CharBuffer.wrap(compact, 0, count))) {
                found.add(PiiType.IBAN, start, p);
            }
        }
    }

    // ====================================================================== PAYMENT_CARD

    private static void findPaymentCards(String s, PreScan scan, Findings found) {
        for (int r = 0; r < scan.runCount; r++) {
            int start = scan.runStart[r];
            if (!leftBoundaryOk(s, start)) {
                continue;
            }
            int firstLen = scan.len(r);
            if (firstLen >= 13 && firstLen <= 19) {
                int end = scan.runEnd[r];
                if (rightBoundaryOk(s, end) && cardValid(s, start, end, firstLen)) {
                    found.add(PiiType.PAYMENT_CARD, start, end);
                }
                continue;
            }
            if (firstLen != 4) {
                continue;
            }
            char sep = scan.singleSeparatorAfter(s, r);
            if (sep != ' ' && sep != '-') {
                continue;
            }
            // Grouped: 4 digits, then groups of 3-6 with the same separator. Keep the longest valid extent.
            int total = 4;
            int best = -1;
            for (int g = r + 1; g < scan.runCount; g++) {
                if (scan.singleSeparatorAfter(s, g - 1) != sep) {
                    break;
                }
                int groupLen = scan.len(g);
                if (groupLen < 3 || groupLen > 6 || total + groupLen > 19) {
                    break;
                }
                total += groupLen;
                if (total >= 13 && rightBoundaryOk(s, scan.runEnd[g]) && cardValid(s, start, scan.runEnd[g], total)) {
                    best = g;
                }
            }
            if (best >= 0 && found.add(PiiType.PAYMENT_CARD, start, scan.runEnd[best])) {
                r = best;
            }
        }
    }

    private static boolean cardValid(String s, int start, int end, int digits) {
        return PiiValidators.cardIssuerPlausible(PiiValidators.leadingSixDigits(s, start, end), digits)
                && PiiValidators.luhnValid(s, start, end);
    }

    // ====================================================================== AWS_ACCESS_KEY

    private static void findAwsKeys(String s, Findings found) {
        int n = s.length();
        int i = s.indexOf('A');
        while (i >= 0 && i + 20 <= n) {
            int next = i + 1;
            if ((i == 0 || !isAsciiAlnum(s.charAt(i - 1))) && (i + 20 == n || !isAsciiAlnum(s.charAt(i + 20)))
                    && hasAwsKeyPrefix(s, i) && isUpperAlnum(s, i + 4, i + 20)) {
                found.add(PiiType.AWS_ACCESS_KEY, i, i + 20);
                next = i + 20;
            }
            i = s.indexOf('A', next);
        }
    }

    private static boolean hasAwsKeyPrefix(String s, int i) {
        for (String prefix : AWS_KEY_PREFIXES) {
            if (s.startsWith(prefix, i)) {
                return true;
            }
        }
        return false;
    }

    private static boolean isUpperAlnum(String s, int from, int to) {
        for (int k = from; k < to; k++) {
            char c = s.charAt(k);
            if (!(isUpper(c) || isDigit(c))) {
                return false;
            }
        }
        return true;
    }

    // ====================================================================== US_SSN

    private static void findSsns(String s, PreScan scan, Findings found) {
        for (int r = 0; r < scan.runCount; r++) {
            int start = scan.runStart[r];
            int len = scan.len(r);
            if (len == 3 && r + 2 < scan.runCount && scan.len(r + 1) == 2 && scan.len(r + 2) == 4) {
                char sep = scan.singleSeparatorAfter(s, r);
                int end = scan.runEnd[r + 2];
                if ((sep == '-' || sep == ' ') && scan.singleSeparatorAfter(s, r + 1) == sep
                        && leftBoundaryOk(s, start) && rightBoundaryOk(s, end)
                        && PiiValidators.ssaValid(number(s, start, 3), number(s, scan.runStart[r + 1], 2),
                        number(s, scan.runStart[r + 2], 4))) {
                    if (found.add(PiiType.US_SSN, start, end)) {
                        r += 2;
                    }
                    continue;
                }
            }
            // A bare nine-digit number is an SSN only when the log says so; otherwise it is just an id.
            if (len == 9 && leftBoundaryOk(s, start) && rightBoundaryOk(s, scan.runEnd[r])
                    && keywordBefore(s, start, SSN_KEYWORDS)
                    && PiiValidators.ssaValid(number(s, start, 3), number(s, start + 3, 2), number(s, start + 5, 4))) {
                found.add(PiiType.US_SSN, start, scan.runEnd[r]);
            }
        }
    }

    // ====================================================================== IPV6

    private static void findIpv6(String s, Findings found) {
        int n = s.length();
        int colon = s.indexOf(':');
        while (colon >= 0) {
            int a = colon;
            while (a > 0 && isIpv6SpanChar(s.charAt(a - 1))) {
                a--;
            }
            int b = colon + 1;
            while (b < n && isIpv6SpanChar(s.charAt(b))) {
                b++;
            }
            int spanEnd = b;
            // Trim punctuation that belongs to the surrounding text ("host:", "::1.", "addr=fe80::1:").
            while (a < b && s.charAt(a) == '.') {
                a++;
            }
            if (a + 1 < b && s.charAt(a) == ':' && s.charAt(a + 1) != ':') {
                a++;
            }
            while (b > a && s.charAt(b - 1) == '.') {
                b--;
            }
            if (b - 1 > a && s.charAt(b - 1) == ':' && s.charAt(b - 2) != ':') {
                b--;
            }
            if (b - a >= 3 && b - a <= 45 && (a == 0 || !isAsciiAlnum(s.charAt(a - 1))) && (b == n || !isAsciiAlnum(s.charAt(b)))
                    && countColons(s, a, b) >= 2 && containsDigit(s, a, b) && PiiValidators.ipv6Valid(s, a, b)) {
                found.add(PiiType.IPV6, a, b);
            }
            colon = s.indexOf(':', spanEnd);
        }
    }

    private static boolean isIpv6SpanChar(char c) {
        return c == ':' || c == '.' || PiiValidators.isHexDigit(c);
    }

    private static int countColons(String s, int from, int to) {
        int colons = 0;
        for (int k = from; k < to; k++) {
            if (s.charAt(k) == ':') {
                colons++;
            }
        }
        return colons;
    }

    private static boolean containsDigit(String s, int from, int to) {
        for (int k = from; k < to; k++) {
            if (isDigit(s.charAt(k))) {
                return true;
            }
        }
        return false;
    }

    // ====================================================================== IPV4

    private static void findIpv4(String s, PreScan scan, Findings found) {
        int n = s.length();
        for (int r = 0; r + 3 < scan.runCount; r++) {
            if (scan.singleSeparatorAfter(s, r) != '.' || scan.singleSeparatorAfter(s, r + 1) != '.'
                    || scan.singleSeparatorAfter(s, r + 2) != '.') {
                continue;
            }
            int start = scan.runStart[r];
            int end = scan.runEnd[r + 3];
            if (start > 0) {
                char before = s.charAt(start - 1);
                if (isAsciiAlnum(before) || before == '_' || before == '.'
                        || before == '/' && isProductToken(s, start - 1)) {
                    continue;
                }
            }
            if (end < n) {
                char after = s.charAt(end);
                if (isAsciiAlnum(after) || after == '_' || after == '.' && end + 1 < n && isAsciiAlnum(s.charAt(end + 1))) {
                    continue;
                }
                // ".../lib/1.2.3.4/..." is a versioned path segment; "http://10.0.0.1/..." has "//" before it.
                if (after == '/' && start > 1 && s.charAt(start - 1) == '/' && isAsciiAlnum(s.charAt(start - 2))) {
                    continue;
                }
            }
            if (PiiValidators.ipv4Valid(s, start, end) && !keywordBefore(s, start, VERSION_KEYWORDS)
                    && found.add(PiiType.IPV4, start, end)) {
                r += 3;
            }
        }
    }

    /**
     * Whether the word ending at {@code slash} is a capitalised product name, as in the user-agent tokens
     * {@code Chrome/120.0.0.0} or {@code Version/17.2.1.0}, which carry four-part versions, not addresses.
     * Lower-case prefixes ({@code jdoe/198.51.100.92}, {@code host/10.0.0.1}) still count as addresses.
     */
    private static boolean isProductToken(String s, int slash) {
        int wordStart = slash;
        while (wordStart > 0 && isAsciiLetter(s.charAt(wordStart - 1))) {
            wordStart--;
        }
        return wordStart < slash && isUpper(s.charAt(wordStart));
    }

    // ====================================================================== PHONE

    private static void findPhones(String s, PreScan scan, Findings found) {
        for (int r = 0; r < scan.runCount; r++) {
            int plusLength = plusBefore(s, scan.runStart[r]);
            int last = plusLength > 0
                    ? internationalPhone(s, scan, r, plusLength, found)
                    : nationalPhone(s, scan, r, found);
            if (last > r) {
                r = last;
            }
        }
    }

    /**
     * {@code +CC ...}: up to 15 digits in groups joined by one space, dash or dot, with optional parentheses
     * ({@code +1 (555) 123-4567}, {@code +44 (0)20 7946 0958}). Returns the index of the last run used, or -1.
     */
    private static int internationalPhone(String s, PreScan scan, int r, int plusLength, Findings found) {
        int plus = scan.runStart[r] - plusLength;
        if (plus > 0 && (isAsciiAlnum(s.charAt(plus - 1)) || s.charAt(plus - 1) == '_')) {
            return -1;             // "1e+10", "2024-01-15T10:00:00+0100"
        }
        int total = scan.len(r);
        // NANP numbers are always 11 digits with the country code; elsewhere stop once the number is
        // complete-looking, so the next field ("... 0958 200 OK") is not swallowed.
        boolean nanp = total == 1 && s.charAt(scan.runStart[r]) == '1';
        int cap = nanp ? 11 : 15;
        int last = r;
        boolean parenOpen = false;
        for (int g = r + 1; g < scan.runCount && total < 11; g++) {
            int join = phoneJoin(s, scan.runEnd[g - 1], scan.runStart[g], parenOpen);
            int groupLen = scan.len(g);
            if (join < 0 || groupLen > 10 || total + groupLen > cap) {
                break;
            }
            total += groupLen;
            last = g;
            parenOpen = join == 1;
        }
        // Without separators, "+12345678" is more often a signed counter than a phone: demand 10+ digits.
        int minDigits = last == r ? 10 : 8;
        if (parenOpen || total < minDigits || total > 15 || !rightBoundaryOk(s, scan.runEnd[last])) {
            return -1;
        }
        return found.add(PiiType.PHONE, plus, scan.runEnd[last]) ? last : -1;
    }

    /**
     * Length of the plus sign right before {@code digitsStart}: 1 for {@code +}, 3 for its URL encoding
     * {@code %2B} (access logs record query strings encoded), 0 if there is none.
     */
    private static int plusBefore(String s, int digitsStart) {
        if (digitsStart > 0 && s.charAt(digitsStart - 1) == '+') {
            return 1;
        }
        if (digitsStart >= 3 && s.charAt(digitsStart - 3) == '%' && s.charAt(digitsStart - 2) == '2'
                && (s.charAt(digitsStart - 1) == 'B' || s.charAt(digitsStart - 1) == 'b')) {
            return 3;
        }
        return 0;
    }

    /**
     * Classifies the chars between two digit groups of a phone number: -1 not a phone separator, 0 ordinary
     * separator (or closing parenthesis), 1 opening parenthesis.
     */
    private static int phoneJoin(String s, int from, int to, boolean parenOpen) {
        int len = to - from;
        if (len < 1 || len > 2) {
            return -1;
        }
        char c0 = s.charAt(from);
        if (parenOpen) {
            return c0 == ')' && (len == 1 || isPhoneSeparator(s.charAt(from + 1))) ? 0 : -1;
        }
        if (len == 1) {
            return c0 == '(' ? 1 : isPhoneSeparator(c0) ? 0 : -1;
        }
        return isPhoneSeparator(c0) && s.charAt(from + 1) == '(' ? 1 : -1;
    }

    private static boolean isPhoneSeparator(char c) {
        return c == ' ' || c == '-' || c == '.';
    }

    /** National formats; returns the index of the last run used, or -1. */
    private static int nationalPhone(String s, PreScan scan, int r, Findings found) {
        int start = scan.runStart[r];
        int len = scan.len(r);

        // (AAA) EEE-SSSS
        if (len == 3 && start > 0 && s.charAt(start - 1) == '(' && r + 2 < scan.runCount
                && scan.len(r + 1) == 3 && scan.len(r + 2) == 4 && areaCodeOk(s, start)
                && leftBoundaryOk(s, start - 1)) {
            int gap = scan.runStart[r + 1] - scan.runEnd[r];
            boolean closeOk = s.charAt(scan.runEnd[r]) == ')'
                    && (gap == 1 || gap == 2 && isPhoneSeparator(s.charAt(scan.runEnd[r] + 1)));
            char sep = scan.singleSeparatorAfter(s, r + 1);
            int end = scan.runEnd[r + 2];
            if (closeOk && isPhoneSeparator(sep) && rightBoundaryOk(s, end)) {
                return found.add(PiiType.PHONE, start - 1, end) ? r + 2 : -1;
            }
        }

        // (0AA) NNNN-NNNN, (011) 4321 5678: a parenthesised trunk-prefixed area code is distinctive enough
        // to need no keyword.
        if (len >= 2 && len <= 5 && s.charAt(start) == '0' && start > 0 && s.charAt(start - 1) == '('
                && r + 1 < scan.runCount && leftBoundaryOk(s, start - 1) && s.charAt(scan.runEnd[r]) == ')') {
            int gap = scan.runStart[r + 1] - scan.runEnd[r];
            if (gap == 1 || gap == 2 && s.charAt(scan.runEnd[r] + 1) == ' ') {
                int total = len + scan.len(r + 1);
                int last = r + 1;
                char sep = scan.singleSeparatorAfter(s, r + 1);
                if ((sep == ' ' || sep == '-') && scan.len(r + 2) >= 3 && total + scan.len(r + 2) <= 11) {
                    total += scan.len(r + 2);
                    last = r + 2;
                }
                int end = scan.runEnd[last];
                if (total >= 9 && total <= 11 && scan.len(r + 1) >= 3 && rightBoundaryOk(s, end)) {
                    return found.add(PiiType.PHONE, start - 1, end) ? last : -1;
                }
            }
        }

        // [1-]AAA-EEE-SSSS, AAA.EEE.SSSS, and AAA EEE SSSS after a keyword
        int area = r;
        char prefixSep = 0;
        if (len == 1 && s.charAt(start) == '1') {
            prefixSep = scan.singleSeparatorAfter(s, r);
            area = r + 1;
        }
        if (area + 2 < scan.runCount && scan.len(area) == 3 && scan.len(area + 1) == 3 && scan.len(area + 2) == 4) {
            char sep = scan.singleSeparatorAfter(s, area);
            int end = scan.runEnd[area + 2];
            if (isPhoneSeparator(sep) && scan.singleSeparatorAfter(s, area + 1) == sep
                    && (area == r || prefixSep == sep) && areaCodeOk(s, scan.runStart[area])
                    && leftBoundaryOk(s, start) && rightBoundaryOk(s, end)
                    && (sep != ' ' || keywordBefore(s, start, PHONE_KEYWORDS))) {
                return found.add(PiiType.PHONE, start, end) ? area + 2 : -1;
            }
        }

        // Trunk-prefixed national numbers (020 7946 0958, 06 1234 5678): only after a phone keyword.
        if (len >= 2 && len <= 5 && s.charAt(start) == '0' && s.charAt(start + 1) != '0') {
            char sep = scan.singleSeparatorAfter(s, r);
            if (sep == ' ' || sep == '-') {
                int total = len;
                int last = r;
                for (int g = r + 1; g < scan.runCount && g <= r + 3; g++) {
                    int groupLen = scan.len(g);
                    if (scan.singleSeparatorAfter(s, g - 1) != sep || groupLen < 2 || groupLen > 6
                            || total + groupLen > 11) {
                        break;
                    }
                    total += groupLen;
                    last = g;
                }
                int end = scan.runEnd[last];
                if (last > r && total >= 9 && leftBoundaryOk(s, start) && rightBoundaryOk(s, end)
                        && keywordBefore(s, start, PHONE_KEYWORDS)) {
                    return found.add(PiiType.PHONE, start, end) ? last : -1;
                }
            }
        }

        // Bare digits ("phone=4155552671", "msisdn: 447700900123"): only right after a phone keyword.
        if (len >= 10 && len <= 15 && leftBoundaryOk(s, start) && rightBoundaryOk(s, scan.runEnd[r])
                && keywordBefore(s, start, PHONE_KEYWORDS)) {
            return found.add(PiiType.PHONE, start, scan.runEnd[r]) ? r : -1;
        }
        return -1;
    }

    /** NANP area codes never start with 0 or 1; this alone rejects many id-like 3-3-4 sequences. */
    private static boolean areaCodeOk(String s, int areaStart) {
        return s.charAt(areaStart) >= '2';
    }

    // ====================================================================== shared helpers

    /**
     * A number must not be glued to a word ({@code id42...}) nor continue a longer numeric run joined by dash
     * or dot ({@code 2024-123-45-6789}, {@code 1.4111...}): then it is part of some other identifier.
     */
    private static boolean leftBoundaryOk(String s, int start) {
        if (start == 0) {
            return true;
        }
        char c = s.charAt(start - 1);
        if (isAsciiAlnum(c) || c == '_') {
            return false;
        }
        return !((c == '-' || c == '.') && start >= 2 && isDigit(s.charAt(start - 2)));
    }

    private static boolean rightBoundaryOk(String s, int end) {
        if (end == s.length()) {
            return true;
        }
        char c = s.charAt(end);
        if (isAsciiAlnum(c) || c == '_') {
            return false;
        }
        return !((c == '-' || c == '.') && end + 1 < s.length() && isDigit(s.charAt(end + 1)));
    }

    /**
     * Whether one of {@code keywords} starts a word within {@link #KEYWORD_WINDOW} chars before {@code start},
     * with no digit in between (so the keyword qualifies this number, not an earlier one).
     */
    private static boolean keywordBefore(String s, int start, String[] keywords) {
        int from = Math.max(0, start - KEYWORD_WINDOW);
        for (int k = start - 1; k >= from; k--) {
            if (isDigit(s.charAt(k))) {
                from = k + 1;
                break;
            }
        }
        if (start - from < 3) {
            return false;
        }
        String window = s.substring(from, start).toLowerCase(Locale.ROOT);
        for (String keyword : keywords) {
            int idx = window.indexOf(keyword);
            while (idx >= 0) {
                char before = idx > 0 ? window.charAt(idx - 1) : from > 0 ? s.charAt(from - 1) : ' ';
                if (!Character.isLetter(before)) {
                    return true;
                }
                idx = window.indexOf(keyword, idx + 1);
            }
        }
        return false;
    }

    private static int number(String s, int start, int digits) {
        int value = 0;
        for (int k = start; k < start + digits; k++) {
            value = value * 10 + (s.charAt(k) - '0');
        }
        return value;
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static boolean isUpper(char c) {
        return c >= 'A' && c <= 'Z';
    }

    private static char toUpper(char c) {
        return c >= 'a' && c <= 'z' ? (char) (c - 32) : c;
    }

    private static boolean isAsciiLetter(char c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z';
    }

    private static boolean isAsciiAlnum(char c) {
        return isAsciiLetter(c) || isDigit(c);
    }
}
