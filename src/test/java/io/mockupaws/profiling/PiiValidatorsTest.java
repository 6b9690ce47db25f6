package io.mockupaws.profiling;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class PiiValidatorsTest {

    // ------------------------------------------------------------------ Luhn and issuers

    @ParameterizedTest
    @ValueSource(strings = {"4111111111111111", "5500000000000004", "378282246310005", "6011111111111117",
            "30569309025904", "3530111333300000", "4222222222222", "4111 1111 1111 1111", "4111-1111-1111-1111",
            "79927398713"})
    void luhnAcceptsValidNumbers(String number) {
        assertThat(PiiValidators.luhnValid(number, 0, number.length())).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"4111111111111112", "5500000000000005", "378282246310006", "1234567812345678",
            "79927398710", "0", "5"})
    void luhnRejectsInvalidNumbers(String number) {
        assertThat(PiiValidators.luhnValid(number, 0, number.length())).isFalse();
    }

    @Test
    void luhnHonoursTheRange() {
        String text = "id=4111111111111111;";
        assertThat(PiiValidators.luhnValid(text, 3, 19)).isTrue();
        assertThat(PiiValidators.luhnValid(text, 3, 18)).isFalse();
    }

    @ParameterizedTest(name = "{0} ({1} digits) plausible={2}")
    @CsvSource({
            "411111, 16, true", "411111, 13, true", "411111, 19, true", "411111, 15, false",  // Visa
            "510510, 16, true", "555555, 16, true", "222300, 16, true", "272099, 16, true", "272100, 16, false",
            "550000, 15, false",                                                               // Mastercard
            "378282, 15, true", "341111, 15, true", "378282, 16, false",                       // Amex
            "601111, 16, true", "650000, 16, true", "644000, 16, true",                        // Discover
            "353011, 16, true", "358999, 16, true",                                            // JCB
            "305693, 14, true", "360000, 14, true", "385200, 14, true",                        // Diners
            "620000, 16, true",                                                                // UnionPay
            "500000, 16, true", "675964, 16, true",                                            // Maestro
            "100000, 16, false", "170531, 16, false", "940010, 16, false", "999999, 16, false", "000000, 16, false",
            "202401, 16, false"})
    void issuerRangesAndLengths(int prefix, int length, boolean plausible) {
        assertThat(PiiValidators.cardIssuerPlausible(prefix, length)).isEqualTo(plausible);
    }

    // ------------------------------------------------------------------ SSA rules

    @Test
    void ssaRules() {
        assertThat(PiiValidators.ssaValid(123, 45, 6789)).isTrue();
        assertThat(PiiValidators.ssaValid(1, 1, 1)).isTrue();
        assertThat(PiiValidators.ssaValid(899, 99, 9999)).isTrue();
        assertThat(PiiValidators.ssaValid(665, 1, 1)).isTrue();
        assertThat(PiiValidators.ssaValid(667, 1, 1)).isTrue();

        assertThat(PiiValidators.ssaValid(0, 12, 3456)).as("area 000").isFalse();
        assertThat(PiiValidators.ssaValid(666, 12, 3456)).as("area 666").isFalse();
        assertThat(PiiValidators.ssaValid(900, 12, 3456)).as("area 900").isFalse();
        assertThat(PiiValidators.ssaValid(999, 12, 3456)).as("area 999").isFalse();
        assertThat(PiiValidators.ssaValid(123, 0, 3456)).as("group 00").isFalse();
        assertThat(PiiValidators.ssaValid(123, 45, 0)).as("serial 0000").isFalse();
    }

    // ------------------------------------------------------------------ IBAN mod-97

    @ParameterizedTest
    @ValueSource(strings = {"GB82WEST12345698765432", "DE89370400440532013000", "FR1420041010050500013M02606",
            "NL91ABNA0417164300", "BE68539007547034", "NO9386011117947", "MT31MALT01100000000000000000123"})
    void ibanChecksumAcceptsValidIbans(String iban) {
        assertThat(PiiValidators.ibanChecksumValid(iban)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"GB82WEST12345698765433", "GB00WEST12345698765432", "DE89370400440532013001",
            "NL91ABNA041716430", "GB82WEST1234569876543", "XX82WEST12345698765432", "US64SVBKUS6S3300958879",
            "GB82west12345698765432", "GB82 WEST 1234 5698 7654 32", ""})
    void ibanChecksumRejectsInvalidOrMalformedIbans(String iban) {
        assertThat(PiiValidators.ibanChecksumValid(iban)).isFalse();
    }

    @Test
    void ibanLengthTable() {
        assertThat(PiiValidators.ibanLength('G', 'B')).isEqualTo(22);
        assertThat(PiiValidators.ibanLength('D', 'E')).isEqualTo(22);
        assertThat(PiiValidators.ibanLength('F', 'R')).isEqualTo(27);
        assertThat(PiiValidators.ibanLength('N', 'O')).isEqualTo(15);
        assertThat(PiiValidators.ibanLength('M', 'T')).isEqualTo(31);
        assertThat(PiiValidators.ibanLength('U', 'S')).isZero();
        assertThat(PiiValidators.ibanLength('g', 'b')).isZero();
    }

    // ------------------------------------------------------------------ IP shapes

    @ParameterizedTest
    @ValueSource(strings = {"0.0.0.0", "10.0.0.1", "192.168.1.254", "255.255.255.255", "192.168.001.010"})
    void ipv4Valid(String ip) {
        assertThat(PiiValidators.ipv4Valid(ip, 0, ip.length())).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"256.1.1.1", "1.2.3", "1.2.3.4.5", "1.02.3.4", "1..2.3", "1.2.3.", ".1.2.3", "1234.1.1.1",
            "a.b.c.d", ""})
    void ipv4Invalid(String ip) {
        assertThat(PiiValidators.ipv4Valid(ip, 0, ip.length())).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "2001:0db8:85a3:0000:0000:8a2e:0370:7334",   // full
            "2001:db8:85a3::8a2e:370:7334",              // compressed in the middle
            "::1",                                       // loopback
            "2001:db8::",                                // compressed at the end
            "fe80::1ff:fe23:4567:890a",
            "::ffff:192.0.2.128",                        // IPv4-mapped
            "64:ff9b::192.0.2.33",                       // NAT64 with embedded IPv4
            "2001:DB8:0:0:8:800:200C:417A",              // upper case, zero groups written out
            "1:2:3:4:5:6:7::",
            "::2:3:4:5:6:7:8"})
    void ipv6Valid(String ip) {
        assertThat(PiiValidators.ipv6Valid(ip, 0, ip.length())).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "10:23:45",                                  // timestamp
            "12:34:56.789",                              // timestamp with millis
            "00:1a:2b:3c:4d:5e",                         // MAC address
            "1:2:3:4:5:6:7",                             // too few groups, no compression
            "1:2:3:4:5:6:7:8:9",                         // too many groups
            "1::2::3",                                   // two compressions
            "2001:db8::12345",                           // group too long
            "2001:db8:::1",                              // triple colon
            ":1:2:3:4:5:6:7",                            // leading single colon
            "1:2:3:4:5:6:7:",                            // trailing single colon
            "::ffff:192.0.2",                            // broken embedded IPv4
            "::ffff:192.0.2.1:1",                        // IPv4 not last
            "1:2:3:4:5:6:7:8::",                         // compression with eight explicit groups
            "dead:beef:cafe",
            "::"})
    void ipv6Invalid(String ip) {
        assertThat(PiiValidators.ipv6Valid(ip, 0, ip.length())).isFalse();
    }

    // ------------------------------------------------------------------ JWT header

    @Test
    void jwtHeaderMustDecodeToJsonWithAlg() {
        String withAlg = b64url("{\"alg\":\"HS256\",\"typ\":\"JWT\"}");
        String withoutAlg = b64url("{\"typ\":\"JWT\"}");
        String algAsValue = b64url("{\"typ\":\"alg\"}");
        assertThat(PiiValidators.jwtHeaderHasAlg(withAlg, 0, withAlg.length())).isTrue();
        assertThat(PiiValidators.jwtHeaderHasAlg(withoutAlg, 0, withoutAlg.length())).isFalse();
        // Deliberately cheap: the quoted word anywhere in the decoded header is enough.
        assertThat(PiiValidators.jwtHeaderHasAlg(algAsValue, 0, algAsValue.length())).isTrue();
        assertThat(PiiValidators.jwtHeaderHasAlg("eyJ", 0, 3)).isFalse();
        assertThat(PiiValidators.jwtHeaderHasAlg("eyJhbGciOi=", 0, 11)).isFalse();
    }

    private static String b64url(String json) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }
}
