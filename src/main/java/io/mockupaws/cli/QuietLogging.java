package io.mockupaws.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import org.slf4j.LoggerFactory;

/**
 * Commands that run without Spring (the WAL commands PostgreSQL starts) get logback's defaults, which print every
 * library's DEBUG lines; into PostgreSQL's log they would go, once per segment. Warnings and errors only.
 */
final class QuietLogging {

    private QuietLogging() {}

    static void apply() {
        if (LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME) instanceof Logger root) root.setLevel(Level.WARN);
    }
}
