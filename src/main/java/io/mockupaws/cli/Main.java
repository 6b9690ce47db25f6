package io.mockupaws.cli;

/** Entry point of the jar: {@code serve} (the default) keeps running; every other command exits with its code. */
public final class Main {

    private Main() {}

    public static void main(String[] args) {
        int exit = MockupAwsCli.execute(args);
        if (exit != MockupAwsCli.KEEP_RUNNING) System.exit(exit);
    }
}
