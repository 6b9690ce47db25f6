/** Outgoing email: a port with an SMTP adapter when MOCKUPAWS_SMTP_HOST is set and a silent no-op otherwise. */
@NamedInterface("mail")
package io.mockupaws.platform.mail;

import org.springframework.modulith.NamedInterface;
