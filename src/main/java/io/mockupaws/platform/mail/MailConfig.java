package io.mockupaws.platform.mail;

import java.util.Properties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import org.springframework.mail.MailException;
import org.springframework.mail.SimpleMailMessage;
import org.springframework.mail.javamail.JavaMailSenderImpl;
import org.springframework.mail.javamail.MimeMessageHelper;

/**
 * SMTP from {@code MOCKUPAWS_SMTP_*} when a host is set. Boot's own mail auto-configuration keys on
 * {@code spring.mail.host}, which stays unset: one set of variables, documented in the README.
 */
@Configuration(proxyBeanMethods = false)
class MailConfig {

    @Bean
    Mailer mailer(Environment env) {
        String host = env.getProperty("mockupaws.smtp.host", "").strip();
        if (host.isEmpty()) return new NoMailer();
        JavaMailSenderImpl sender = new JavaMailSenderImpl();
        sender.setHost(host);
        sender.setPort(env.getProperty("mockupaws.smtp.port", Integer.class, 587));
        String user = env.getProperty("mockupaws.smtp.username", "");
        if (!user.isBlank()) {
            sender.setUsername(user);
            sender.setPassword(env.getProperty("mockupaws.smtp.password", ""));
        }
        Properties props = sender.getJavaMailProperties();
        props.put("mail.smtp.auth", Boolean.toString(!user.isBlank()));
        boolean starttls = env.getProperty("mockupaws.smtp.starttls", Boolean.class, true);
        props.put("mail.smtp.starttls.enable", Boolean.toString(starttls));
        props.put("mail.smtp.starttls.required", Boolean.toString(starttls));
        props.put("mail.smtp.connectiontimeout", "10000");
        props.put("mail.smtp.timeout", "10000");
        props.put("mail.smtp.writetimeout", "10000");
        return new SmtpMailer(sender, env.getProperty("mockupaws.smtp.from", "mockupaws@localhost"));
    }

    /** Without SMTP nothing is sent, and nothing is logged either: a reset mail's text holds a live token. */
    static final class NoMailer implements Mailer {
        @Override
        public boolean configured() {
            return false;
        }

        @Override
        public void send(Mail mail) {}
    }

    static final class SmtpMailer implements Mailer {
        private final JavaMailSenderImpl sender;
        private final String from;

        SmtpMailer(JavaMailSenderImpl sender, String from) {
            this.sender = sender;
            this.from = from;
        }

        @Override
        public boolean configured() {
            return true;
        }

        @Override
        public void send(Mail mail) {
            try {
                if (mail.attachments().isEmpty()) {
                    SimpleMailMessage m = new SimpleMailMessage();
                    m.setFrom(from);
                    m.setTo(mail.to());
                    m.setSubject(mail.subject());
                    m.setText(mail.text());
                    sender.send(m);
                } else {
                    MimeMessage m = sender.createMimeMessage();
                    MimeMessageHelper helper = new MimeMessageHelper(m, true, "UTF-8");
                    helper.setFrom(from);
                    helper.setTo(mail.to());
                    helper.setSubject(mail.subject());
                    helper.setText(mail.text());
                    for (Mail.Attachment a : mail.attachments()) helper.addAttachment(a.filename(), a.content(), a.contentType());
                    sender.send(m);
                }
            } catch (MailException | MessagingException e) {
                // The exception's message can quote the message; keep only what went wrong.
                throw new MailFailure("SMTP delivery via " + sender.getHost() + ":" + sender.getPort() + " failed: "
                        + e.getClass().getSimpleName(), null);
            }
        }
    }
}
