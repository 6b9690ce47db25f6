package io.mockupaws.archive;

import org.springframework.dao.DataAccessException;
import org.springframework.transaction.TransactionSystemException;

/** What to record as a step's error: the database's own words, not the framework's wrapping of them. */
final class Errors {

    private Errors() {}

    static String describe(Throwable e) {
        Throwable t = e;
        // A transaction whose connection died fails its rollback too; what happened is the statement's exception.
        if (t instanceof TransactionSystemException tse && tse.getApplicationException() != null) t = tse.getApplicationException();
        if (t instanceof DataAccessException dae) t = dae.getMostSpecificCause();
        String message = t.getMessage();
        return message == null || message.isBlank() ? t.toString() : message.strip();
    }
}
