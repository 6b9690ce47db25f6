package io.mockupaws;

import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * The application's configuration root. The jar's entry point is {@code io.mockupaws.cli.Main}: one jar, many
 * commands, of which {@code serve} (the default) starts this application.
 */
@SpringBootApplication
public class MockupAwsApplication {}
