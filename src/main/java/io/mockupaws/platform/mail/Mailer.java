package io.mockupaws.platform.mail;

/** Sends mail when SMTP is configured; otherwise {@link #configured()} is false and {@link #send} does nothing. */
public interface Mailer {

    boolean configured();

    /** Sends synchronously; throws {@link MailFailure} when the server refuses or cannot be reached. */
    void send(Mail mail);

    class MailFailure extends RuntimeException {
        public MailFailure(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
