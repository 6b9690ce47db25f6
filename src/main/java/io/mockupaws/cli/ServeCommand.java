package io.mockupaws.cli;

import io.mockupaws.MockupAwsApplication;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.springframework.boot.SpringApplication;
import picocli.CommandLine.Command;
import picocli.CommandLine.Unmatched;

@Command(name = "serve", mixinStandardHelpOptions = true,
        description = "Runs the HTTP API (port 8080, or PORT / --server.port) with its scheduler. The default command.")
class ServeCommand implements Callable<Integer> {

    @Unmatched
    List<String> springArgs = new ArrayList<>();

    @Override
    public Integer call() {
        return serve(springArgs);
    }

    static int serve(List<String> springArgs) {
        for (String arg : springArgs) {
            if (!arg.startsWith("--")) {
                throw new picocli.CommandLine.ParameterException(new picocli.CommandLine(new MockupAwsCli()),
                        "Unknown command or argument '" + arg + "'. See --help.");
            }
        }
        SpringApplication.run(MockupAwsApplication.class, springArgs.toArray(String[]::new));
        return MockupAwsCli.KEEP_RUNNING;
    }
}
