package io.mockupaws.platform.mail;

import java.util.List;
import org.springframework.core.io.InputStreamSource;

/** A plain-text message to one recipient, with optional attachments (read when the mail is sent, possibly twice). */
public record Mail(String to, String subject, String text, List<Attachment> attachments) {

    public Mail {
        attachments = attachments == null ? List.of() : List.copyOf(attachments);
    }

    public Mail(String to, String subject, String text) {
        this(to, subject, text, List.of());
    }

    public record Attachment(String filename, String contentType, InputStreamSource content) {}
}
