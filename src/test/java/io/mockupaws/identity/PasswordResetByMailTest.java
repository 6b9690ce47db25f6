package io.mockupaws.identity;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetupTest;
import io.mockupaws.support.Api;
import io.mockupaws.support.ApiTest;
import jakarta.mail.internet.MimeMessage;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;

/**
 * Password reset end to end through a real SMTP server (GreenMail, in this JVM): the token arrives by mail, works
 * once, within 30 minutes. This server is also configured with sign-up closed — one more application context for
 * both settings instead of two.
 */
@TestPropertySource(properties = {"mockupaws.registration=closed", "mockupaws.smtp.starttls=false",
        "mockupaws.smtp.from=noreply@mockupaws.test", "mockupaws.public-url=https://mockupaws.example.test"})
class PasswordResetByMailTest extends ApiTest {

    private static final Pattern TOKEN = Pattern.compile("pr_[0-9A-Za-z]{43}");

    @RegisterExtension
    static GreenMailExtension smtp = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort()).withPerMethodLifecycle(false);

    @DynamicPropertySource
    static void smtpServer(DynamicPropertyRegistry registry) {
        registry.add("mockupaws.smtp.host", () -> "127.0.0.1");
        registry.add("mockupaws.smtp.port", () -> smtp.getSmtp().getPort());
    }

    private Api.Response forgot(String email) {
        return anonymous.post("/api/v1/auth/forgot-password", "{\"email\":\"" + email + "\"}");
    }

    private Api.Response reset(String token, String password) {
        return anonymous.post("/api/v1/auth/reset-password", "{\"token\":\"" + token + "\",\"new_password\":\"" + password + "\"}");
    }

    private String awaitToken(String to) throws Exception {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (System.nanoTime() < deadline) {
            for (MimeMessage m : smtp.getReceivedMessagesForDomain(to)) {
                Matcher t = TOKEN.matcher(GreenMailUtil.getBody(m));
                if (t.find()) {
                    assertThat(m.getSubject()).isEqualTo("Reset your mockupAWS password");
                    assertThat(m.getFrom()[0].toString()).isEqualTo("noreply@mockupaws.test");
                    assertThat(GreenMailUtil.getBody(m)).contains("https://mockupaws.example.test/api/v1/auth/reset-password");
                    String token = t.group();
                    smtp.purgeEmailFromAllMailboxes();
                    return token;
                }
            }
            Thread.sleep(50);
        }
        throw new AssertionError("no reset mail for " + to);
    }

    @Test
    void signUpIsClosed() {
        Api.Response r = anonymous.post("/api/v1/auth/register", "{\"email\":\"new@example.com\",\"password\":\"a-fine-passphrase\"}");
        assertThat(r.status()).isEqualTo(403);
        assertThat(r.code()).isEqualTo("registration-closed");
        assertThat(jdbc.sql("SELECT count(*) FROM users WHERE email = 'new@example.com'").query(Long.class).single()).isZero();
    }

    @Test
    void theMailedTokenResetsThePasswordOnceAndEndsEverySession() throws Exception {
        Api.Response accepted = forgot(owner.email().toUpperCase());
        assertThat(accepted.status()).isEqualTo(202);
        String token = awaitToken(owner.email());
        assertThat(jdbc.sql("SELECT count(*) FROM password_reset_tokens WHERE token_hash = :h").param("h", sha256(token))
                .query(Long.class).single()).isEqualTo(1);

        Api.Response weak = reset(token, "password123");
        assertThat(weak.status()).isEqualTo(422); // refused without spending the token
        assertThat(reset(token, "a-brand-new-passphrase").status()).isEqualTo(204);

        Api.Response again = reset(token, "yet-another-passphrase");
        assertThat(again.status()).isEqualTo(400);
        assertThat(again.code()).isEqualTo("invalid-reset-token");
        assertThat(api.get("/api/v1/auth/me").code()).isEqualTo("session-ended");
        assertThat(anonymous.post("/api/v1/auth/login", "{\"email\":\"" + owner.email()
                + "\",\"password\":\"a-brand-new-passphrase\"}").status()).isEqualTo(200);
    }

    @Test
    void anUnknownEmailGetsTheSameAnswerAndNoMail() throws Exception {
        Api.Response unknown = forgot("nobody-" + UUID.randomUUID() + "@example.com");
        Api.Response known = forgot(owner.email());

        assertThat(unknown.status()).isEqualTo(202);
        assertThat(unknown.body()).isEqualTo(known.body());
        awaitToken(owner.email());
        Thread.sleep(300);
        assertThat(smtp.getReceivedMessages()).isEmpty();
        assertThat(forgot("not-an-email").status()).isEqualTo(202); // the same answer for anything shaped like input
    }

    @Test
    void onlyTheLatestTokenWorksAndOnlyFor30Minutes() throws Exception {
        forgot(owner.email());
        String older = awaitToken(owner.email());
        forgot(owner.email());
        String newer = awaitToken(owner.email());

        assertThat(reset(older, "a-brand-new-passphrase").code()).isEqualTo("invalid-reset-token");
        jdbc.sql("UPDATE password_reset_tokens SET expires_at = now() - interval '1 second' WHERE token_hash = :h")
                .param("h", sha256(newer)).update();
        assertThat(reset(newer, "a-brand-new-passphrase").code()).isEqualTo("invalid-reset-token");
        assertThat(reset("pr_" + "A".repeat(43), "a-brand-new-passphrase").code()).isEqualTo("invalid-reset-token");
    }
}
