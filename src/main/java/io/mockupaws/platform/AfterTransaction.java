package io.mockupaws.platform;

import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Work that must follow the current transaction: run once it has ended, or at once when there is none. Deferred only
 * inside an actual transaction: a thread that merely has synchronization switched on (a scope without a
 * transaction, or one a caller forgot to clear) would otherwise wait for a commit that never comes, and the work
 * would be lost.
 */
public final class AfterTransaction {

    private AfterTransaction() {}

    /** After a commit (never after a rollback); at once outside a transaction. */
    public static void afterCommit(Runnable work) {
        if (!deferrable()) {
            work.run();
            return;
        }
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCommit() {
                work.run();
            }
        });
    }

    /** After a commit or a rollback; at once outside a transaction. */
    public static void afterCompletion(Runnable work) {
        if (!deferrable()) {
            work.run();
            return;
        }
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCompletion(int status) {
                work.run();
            }
        });
    }

    private static boolean deferrable() {
        return TransactionSynchronizationManager.isSynchronizationActive()
                && TransactionSynchronizationManager.isActualTransactionActive();
    }
}
