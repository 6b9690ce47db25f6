package io.mockupaws.cli;

import io.mockupaws.identity.PasswordPolicy;
import io.mockupaws.identity.Role;
import io.mockupaws.identity.User;
import io.mockupaws.identity.UserService;
import io.mockupaws.ratelimit.Tier;
import java.io.BufferedReader;
import java.io.Console;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "users", mixinStandardHelpOptions = true, description = "Manages accounts.",
        subcommands = {UsersCommand.Create.class})
class UsersCommand {

    @Command(name = "create", mixinStandardHelpOptions = true,
            description = {"Creates an account, e.g. the first administrator when sign-up is closed.",
                    "The password is read from standard input (never from the command line, where other users could see it)."})
    static class Create implements Callable<Integer> {

        @Spec
        CommandSpec spec;

        @Option(names = "--email", required = true, description = "the account's email")
        String email;

        @Option(names = "--role", defaultValue = "user", description = "user or admin (default: user)")
        String role;

        @Option(names = "--tier", defaultValue = "free", description = "free, premium or enterprise (default: free)")
        String tier;

        @Option(names = "--name", defaultValue = "", description = "full name")
        String name;

        @Override
        public Integer call() throws IOException {
            Role r = Role.of(role);
            Tier t = Tier.of(tier);
            String password = readPassword();
            // the same check the service makes, before the database is started, so a weak password fails fast
            String weak = new PasswordPolicy().problem(password, email);
            if (weak != null) throw new IllegalArgumentException("password: " + weak);
            try (var ctx = CliContext.start()) {
                User user = ctx.getBean(UserService.class).create(email, password, name, r, t, null, "cli");
                spec.commandLine().getOut().printf("Created %s %s (id %s, tier %s).%n", user.role(), user.email(), user.id(), user.tier());
                return 0;
            }
        }

        /** From the terminal without echo when there is one, else the first line of standard input (a pipe). */
        private String readPassword() throws IOException {
            Console console = System.console();
            if (console != null && isTerminal(console)) {
                char[] first = console.readPassword("Password for %s: ", email);
                char[] again = console.readPassword("Repeat it: ");
                if (first == null || again == null || !new String(first).equals(new String(again))) {
                    throw new IllegalArgumentException("the two passwords differ");
                }
                return new String(first);
            }
            String line = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
            if (line == null || line.isEmpty()) throw new IllegalArgumentException("no password on standard input");
            return line;
        }

        /** Java 22+ returns a Console even for redirected streams and tells with isTerminal(); Java 21 returns null then. */
        private static boolean isTerminal(Console console) {
            try {
                return (Boolean) Console.class.getMethod("isTerminal").invoke(console);
            } catch (ReflectiveOperationException e) {
                return true;
            }
        }
    }
}
