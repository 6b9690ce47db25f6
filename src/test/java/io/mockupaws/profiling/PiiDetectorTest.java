package io.mockupaws.profiling;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Rule-by-rule behaviour of {@link PiiDetector}, including exact offsets. */
class PiiDetectorTest {

    private final PiiDetector detector = new PiiDetector();

    /** The matched substrings of one type, in order. */
    private List<String> matches(String text, PiiType type) {
        List<String> out = new ArrayList<>();
        for (PiiFinding f : detector.find(text)) {
            if (f.type() == type) {
                out.add(text.substring(f.start(), f.end()));
            }
        }
        return out;
    }

    private List<PiiFinding> findings(String text) {
        return detector.find(text);
    }

    @Test
    void emptyAndPlainTextHaveNoFindings() {
        assertThat(findings("")).isEmpty();
        assertThat(findings("GET /healthz 200 2ms")).isEmpty();
    }

    @Nested
    class Email {
        @Test
        void findsPracticalAddressesWithExactBounds() {
            assertThat(matches("to=<jane.doe+tag@mail.example.co.uk>, status=sent", PiiType.EMAIL))
                    .containsExactly("jane.doe+tag@mail.example.co.uk");
            assertThat(matches("user=john@example.com.", PiiType.EMAIL)).containsExactly("john@example.com");
            assertThat(matches("email=john.smith%40example.com&x=1", PiiType.EMAIL))
                    .containsExactly("john.smith%40example.com");
            assertThat(matches("josé@exämple.es", PiiType.EMAIL)).containsExactly("josé@exämple.es");
        }

        @ParameterizedTest
        @ValueSource(strings = {"\"@timestamp\":\"2024\"", "root@localhost", "java.lang.Object@1b6d3586",
                "app@sha256:e3b0c442", "@babel/core@7.23.7", "x@y.z", "deploy@bastion:22", "a@b.c1"})
        void ignoresAtSignsThatAreNotEmails(String text) {
            assertThat(matches(text, PiiType.EMAIL)).isEmpty();
        }
    }

    @Nested
    class Ssn {
        @Test
        void findsDashedAndSpacedForms() {
            assertThat(matches("ssn 123-45-6789 ok", PiiType.US_SSN)).containsExactly("123-45-6789");
            assertThat(matches("ssn 123 45 6789 ok", PiiType.US_SSN)).containsExactly("123 45 6789");
        }

        @Test
        void bareNineDigitsOnlyAfterAKeyword() {
            assertThat(matches("SSN=234567890", PiiType.US_SSN)).containsExactly("234567890");
            assertThat(matches("social_security_number: 345678901", PiiType.US_SSN)).containsExactly("345678901");
            assertThat(matches("employee id 234567890", PiiType.US_SSN)).isEmpty();
            assertThat(matches("ssn 1, id 234567890", PiiType.US_SSN)).as("keyword belongs to another number")
                    .isEmpty();
        }

        @ParameterizedTest
        @ValueSource(strings = {"000-12-3456", "666-12-3456", "900-12-3456", "999-99-9999", "123-00-4567",
                "123-45-0000", "SSN=000123456", "2024-123-45-6789", "123-45-6789-01", "123-45-67890",
                "1123-45-6789", "a123-45-6789", "123-45 6789"})
        void rejectsInvalidOrEmbeddedNumbers(String text) {
            assertThat(matches(text, PiiType.US_SSN)).isEmpty();
        }
    }

    @Nested
    class PaymentCard {
        @ParameterizedTest
        @ValueSource(strings = {"4111111111111111", "4111 1111 1111 1111", "4111-1111-1111-1111",
                "5500 0000 0000 0004", "378282246310005", "3782 822463 10005", "6011111111111117",
                "30569309025904", "3566002020360505", "6200000000000005", "4222222222222"})
        void findsLuhnValidCardsInCommonGroupings(String card) {
            assertThat(matches("card=" + card + " exp=12/26", PiiType.PAYMENT_CARD)).containsExactly(card);
        }

        @Test
        void separatesACardFromAPrecedingNumber() {
            assertThat(matches("order 100 4000 0566 5566 5556 ok", PiiType.PAYMENT_CARD))
                    .containsExactly("4000 0566 5566 5556");
        }

        @ParameterizedTest
        @ValueSource(strings = {"4111111111111112", "1234567812345678", "4111 1111 1111 1112",
                "1705314225123456",         // epoch micros: Luhn may pass, no issuer starts with 17
                "490154203237518",          // IMEI: Luhn-valid, but a 15-digit "Visa" does not exist
                "a4111111111111111", "4111111111111111b", "x-4111111111111111-2", "1.4111111111111111",
                "4111-1111 1111-1111", "411111******1111", "41111111-1111-1111-1111-111111111111"})
        void rejectsNonCards(String text) {
            assertThat(matches(text, PiiType.PAYMENT_CARD)).isEmpty();
        }
    }

    @Nested
    class Phone {
        @ParameterizedTest
        @ValueSource(strings = {"+14155552671", "+44 20 7946 0958", "+39 06 1234 5678", "+1 (415) 555-2671",
                "+44 (0)20 7946 0958", "+49 151 23456789", "+81 3-1234-5678", "(555) 123-4567", "(555)123-4567",
                "555-123-4567", "555.123.4567", "1-800-555-0199", "(020) 7946-0958"})
        void findsInternationalAndNorthAmericanFormats(String phone) {
            assertThat(matches("call " + phone + " now", PiiType.PHONE)).containsExactly(phone);
        }

        @Test
        void urlEncodedPlus() {
            assertThat(matches("GET /cb?phone=%2B14155552671 HTTP/1.1", PiiType.PHONE)).containsExactly("%2B14155552671");
        }

        @Test
        void ambiguousShapesNeedAKeyword() {
            assertThat(matches("phone: 555 123 4567", PiiType.PHONE)).containsExactly("555 123 4567");
            assertThat(matches("status 555 123 4567", PiiType.PHONE)).isEmpty();
            assertThat(matches("tel. 020 7946 0958", PiiType.PHONE)).containsExactly("020 7946 0958");
            assertThat(matches("office 020 7946 0958", PiiType.PHONE)).isEmpty();
            assertThat(matches("\"phoneNumber\":\"4155550123\"", PiiType.PHONE)).containsExactly("4155550123");
            assertThat(matches("\"orderId\":\"4155550123\"", PiiType.PHONE)).isEmpty();
            assertThat(matches("hotel 4155550123", PiiType.PHONE)).as("keyword must start a word").isEmpty();
        }

        @Test
        void doesNotSwallowTheNextField() {
            assertThat(matches("to +44 20 7946 0958 200 OK", PiiType.PHONE)).containsExactly("+44 20 7946 0958");
        }

        @ParameterizedTest
        @ValueSource(strings = {"2024-01-15 10:23:45", "10:23:45.123", "2024-01-15T10:23:45+01:00", "1.2.3",
                "10.0.19045", "10.0.19045.3803", "order 20240115103045", "12345678-1234-5678-1234-567812345678",
                "PT1H23M45S", "took 1532ms", "192.168.1.10", "10.0.0.1:8080", "port 5432", "0x7ffd5a3c2b10",
                "123-456-7890", "023-456-7890", "heap +134217728 bytes", "tz +0530", "1e+10", "01-15-2024",
                "15.01.2024", "ISBN 0-306-40615-2", "ip-10-0-12-34", "range 1024-65535", "1705314225123"})
        void ignoresTimestampsVersionsIdsAndCounters(String text) {
            assertThat(matches(text, PiiType.PHONE)).isEmpty();
        }
    }

    @Nested
    class Ipv4 {
        @Test
        void findsAddressesWithPortsAndCidr() {
            assertThat(matches("from 10.0.3.17:5432 and 10.0.0.0/8.", PiiType.IPV4))
                    .containsExactly("10.0.3.17", "10.0.0.0");
            assertThat(matches("range 10.0.0.100-10.0.0.200", PiiType.IPV4)).containsExactly("10.0.0.100", "10.0.0.200");
            assertThat(matches("http://10.1.2.3/api", PiiType.IPV4)).containsExactly("10.1.2.3");
            assertThat(matches("vpn jdoe/198.51.100.92:51820", PiiType.IPV4)).containsExactly("198.51.100.92");
        }

        @ParameterizedTest
        @ValueSource(strings = {"1.2.3.4.5", "v1.2.3.4", "OID 1.3.6.1.4.1.2021", "Chrome/120.0.0.0", "256.1.1.1",
                "version 2.3.1.4", "Version=8.0.0.0", "/lib/1.2.3.4/lib.jar", "1.02.3.4", "x.10.0.0.1"})
        void ignoresVersionsAndLongerDottedRuns(String text) {
            assertThat(matches(text, PiiType.IPV4)).isEmpty();
        }
    }

    @Nested
    class Ipv6 {
        @ParameterizedTest
        @ValueSource(strings = {"2001:db8::1", "2001:0db8:85a3:0000:0000:8a2e:0370:7334", "::1", "fe80::1ff:fe23:4567:890a",
                "::ffff:192.0.2.128", "2001:db8::"})
        void findsFullCompressedAndMappedForms(String ip) {
            assertThat(matches("peer " + ip + " up", PiiType.IPV6)).containsExactly(ip);
            assertThat(matches("[" + ip + "]:443", PiiType.IPV6)).containsExactly(ip);
        }

        @Test
        void trimsSurroundingPunctuation() {
            assertThat(matches("host:2001:db8::1: refused", PiiType.IPV6)).containsExactly("2001:db8::1");
            assertThat(matches("route 2001:db8::/32", PiiType.IPV6)).containsExactly("2001:db8::");
            assertThat(matches("addr fe80::1%eth0", PiiType.IPV6)).containsExactly("fe80::1");
        }

        @Test
        void ipv4MappedIsOneIpv6NotAlsoAnIpv4() {
            List<PiiFinding> found = findings("peer ::ffff:192.0.2.128 up");
            assertThat(found).extracting(PiiFinding::type).containsExactly(PiiType.IPV6);
        }

        @ParameterizedTest
        @ValueSource(strings = {"10:23:45", "2024-01-15T10:23:45.123Z", "00:1a:2b:3c:4d:5e", "std::vector<int>",
                "Foo::bar()", "dead::beef", "listening on :: port 80", "ratio 16:9", "MD5:9a:2f:11:0c",
                "arn:aws:iam::123456789012:role/app", "ab:cd:ef"})
        void ignoresTimesMacsAndScopeOperators(String text) {
            assertThat(matches(text, PiiType.IPV6)).isEmpty();
        }
    }

    @Nested
    class Iban {
        @ParameterizedTest
        @ValueSource(strings = {"GB82WEST12345698765432", "GB82 WEST 1234 5698 7654 32", "DE89370400440532013000",
                "de89 3704 0044 0532 0130 00", "NO9386011117947", "FR14 2004 1010 0505 0001 3M02 606"})
        void findsCompactAndGroupedIbans(String iban) {
            assertThat(matches("iban=" + iban + " ok", PiiType.IBAN)).containsExactly(iban);
        }

        @ParameterizedTest
        @ValueSource(strings = {"GB82WEST12345698765433", "GB00WEST12345698765432", "NL91ABNA041716430",
                "XX82WEST12345698765432", "GB82WEST123456987654321", "AGB82WEST12345698765432",
                "GB82 WEST 1234 5698 7654 3"})
        void rejectsBadChecksumsLengthsAndCountries(String text) {
            assertThat(matches(text, PiiType.IBAN)).isEmpty();
        }
    }

    @Nested
    class AwsAccessKey {
        @ParameterizedTest
        @ValueSource(strings = {"AKIAIOSFODNN7EXAMPLE", "ASIAY34FZKBOKMUTVV7A", "AROAJQABLZS4A3QDU576Q",
                "AKIAI44QH8DHBEXAMPLE"})
        void findsKeyIdsWithKnownPrefixes(String key) {
            String candidate = key.substring(0, 20);
            assertThat(matches("key=" + candidate + ";", PiiType.AWS_ACCESS_KEY)).containsExactly(candidate);
        }

        @ParameterizedTest
        @ValueSource(strings = {"AKIAIOSFODNN7EXAMPL", "AKIAIOSFODNN7EXAMPLE1", "XAKIAIOSFODNN7EXAMPLE",
                "akiaiosfodnn7example", "AKIDAIOSFODNN7EXAMPLE", "AKIA_IOSFODNN7EXAMPLE", "AKIAiosfodnn7EXAMPLE"})
        void rejectsWrongLengthCaseOrPrefix(String text) {
            assertThat(matches(text, PiiType.AWS_ACCESS_KEY)).isEmpty();
        }
    }

    @Nested
    class Jwt {
        private final String header = b64url("{\"alg\":\"HS256\",\"typ\":\"JWT\"}");
        private final String payload = b64url("{\"sub\":\"1234567890\",\"iat\":1516239022}");
        private final String token = header + "." + payload + ".SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c";

        @Test
        void findsSignedAndUnsecuredTokens() {
            assertThat(matches("Authorization: Bearer " + token, PiiType.JWT)).containsExactly(token);
            String unsecured = b64url("{\"alg\":\"none\"}") + "." + payload + ".";
            assertThat(matches("t=" + unsecured + " ok", PiiType.JWT)).containsExactly(unsecured);
        }

        @Test
        void rejectsBase64ThatIsNotAJwt() {
            String noAlg = b64url("{\"typ\":\"JWT\"}") + "." + payload + ".c2ln";
            assertThat(matches(noAlg, PiiType.JWT)).isEmpty();
            assertThat(matches(header + "." + payload, PiiType.JWT)).as("two segments").isEmpty();
            assertThat(matches("cursor=" + payload + "=", PiiType.JWT)).isEmpty();
            assertThat(matches("x" + token, PiiType.JWT)).as("glued to a longer base64 run").isEmpty();
        }

        @Test
        void claimsInsideTheTokenAreNotReportedSeparately() {
            String digitsSig = header + "." + payload + ".4111111111111111";
            assertThat(findings(digitsSig)).extracting(PiiFinding::type).containsExactly(PiiType.JWT);
        }
    }

    @Nested
    class PrivateKey {
        @Test
        void coversTheWholePemBlock() {
            String pem = "-----BEGIN RSA PRIVATE KEY-----\\nMIIEowIBAAKCAQEA4f5wg5l2hKsTeNem\\n-----END RSA PRIVATE KEY-----";
            assertThat(matches("{\"key\":\"" + pem + "\"}", PiiType.PRIVATE_KEY)).containsExactly(pem);
        }

        @ParameterizedTest
        @ValueSource(strings = {"", "EC ", "DSA ", "OPENSSH ", "ENCRYPTED "})
        void acceptsEveryKeyKind(String kind) {
            String pem = "-----BEGIN " + kind + "PRIVATE KEY----- AAAA -----END " + kind + "PRIVATE KEY-----";
            assertThat(matches(pem + " tail", PiiType.PRIVATE_KEY)).containsExactly(pem);
        }

        @Test
        void truncatedBlockRunsToTheEndOfText() {
            String text = "key: -----BEGIN PRIVATE KEY-----\\nMIIEvQIBADANBgkqhkiG9w0BAQEFAASC... [truncated]";
            assertThat(matches(text, PiiType.PRIVATE_KEY)).containsExactly(text.substring(5));
        }

        @Test
        void publicMaterialIsNotSecret() {
            assertThat(findings("-----BEGIN CERTIFICATE-----\\nMIIDdz\\n-----END CERTIFICATE-----")).isEmpty();
            assertThat(findings("-----BEGIN PUBLIC KEY-----\\nMFkwEw\\n-----END PUBLIC KEY-----")).isEmpty();
        }
    }

    @Nested
    class Overlaps {
        @Test
        void emailWinsOverDigitsInItsLocalPart() {
            assertThat(findings("4111111111111111@example.com")).extracting(PiiFinding::type)
                    .containsExactly(PiiType.EMAIL);
        }

        @Test
        void privateKeyWinsOverEverythingInside() {
            String text = "-----BEGIN PRIVATE KEY----- AKIAIOSFODNN7EXAMPLE 10.0.0.1 a@b.io -----END PRIVATE KEY-----";
            assertThat(findings(text)).extracting(PiiFinding::type).containsExactly(PiiType.PRIVATE_KEY);
        }

        @Test
        void findingsAreSortedAndDisjoint() {
            String text = "ip 10.0.0.1 mail a.b@example.com card 4111111111111111 ssn 123-45-6789 "
                    + "iban GB82WEST12345698765432 key AKIAIOSFODNN7EXAMPLE tel +14155552671 v6 2001:db8::1";
            List<PiiFinding> found = findings(text);
            assertThat(found).extracting(PiiFinding::type).containsExactly(PiiType.IPV4, PiiType.EMAIL,
                    PiiType.PAYMENT_CARD, PiiType.US_SSN, PiiType.IBAN, PiiType.AWS_ACCESS_KEY, PiiType.PHONE,
                    PiiType.IPV6);
            for (int i = 1; i < found.size(); i++) {
                assertThat(found.get(i).start()).isGreaterThanOrEqualTo(found.get(i - 1).end());
            }
        }
    }

    @Test
    void neverThrowsAndAlwaysReturnsInBoundsDisjointFindingsOnRandomInput() {
        Random random = new Random(42);
        String alphabet = "0123456789abcdefABCDEFxyzXYZ@.:-+()/ _%=\"eyJ-----BEGIN PRIVATE KEY\\n\uD83D\uDE00é";
        for (int run = 0; run < 20_000; run++) {
            StringBuilder sb = new StringBuilder();
            int len = random.nextInt(120);
            for (int i = 0; i < len; i++) {
                sb.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            String text = sb.toString();
            List<PiiFinding> found = detector.find(text);
            int previousEnd = 0;
            for (PiiFinding f : found) {
                assertThat(f.start()).isGreaterThanOrEqualTo(previousEnd);
                assertThat(f.end()).isLessThanOrEqualTo(text.length());
                previousEnd = f.end();
            }
        }
    }

    @Test
    void isThreadSafe() throws Exception {
        String text = "mail a.b@example.com card 4111 1111 1111 1111 from 10.0.0.1 tel +44 20 7946 0958";
        List<PiiFinding> expected = detector.find(text);
        assertThat(expected).hasSize(4);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<Boolean>> results = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                results.add(pool.submit(() -> {
                    for (int i = 0; i < 5_000; i++) {
                        if (!detector.find(text).equals(expected)) {
                            return false;
                        }
                    }
                    return true;
                }));
            }
            for (Future<Boolean> result : results) {
                assertThat(result.get()).isTrue();
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void detectorAcceptsAnyCharSequence() {
        assertThat(detector.find(new StringBuilder("a.b@example.com"))).hasSize(1);
    }

    static String b64url(String json) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }
}
