package io.mockupaws.cli;

import io.mockupaws.pricing.ImportReport;
import io.mockupaws.pricing.PriceBook;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

@Command(name = "pricing", mixinStandardHelpOptions = true, description = "The AWS price book.",
        subcommands = PricingCommand.Import.class)
class PricingCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getOut());
        return 0;
    }

    @Command(name = "import", mixinStandardHelpOptions = true,
            description = "Imports AWS Price List bulk offer files (JSON) of AWSQueueService (AmazonSQS), AWSLambda and "
                    + "AmazonBedrock into the price book, all files in one transaction. Idempotent; a changed price "
                    + "closes the old one (effective_to) and opens the new one. Prints what changed.")
    static class Import implements Callable<Integer> {

        @Spec
        CommandSpec spec;

        @Parameters(arity = "1..*", paramLabel = "FILE", description = "offer files, e.g. AWSLambda/current/index.json")
        List<Path> files = new ArrayList<>();

        @Option(names = "--region", split = ",", paramLabel = "REGION",
                description = "import only these regions (comma-separated); default: every region of the files")
        List<String> regions = new ArrayList<>();

        @Override
        public Integer call() {
            for (Path f : files) {
                if (!Files.isRegularFile(f)) throw new ParameterException(spec.commandLine(), "No such file: " + f);
            }
            Set<String> only = new LinkedHashSet<>();
            for (String r : regions) {
                if (!r.strip().matches("[a-z]{2}(-[a-z]+)+-[0-9]")) {
                    throw new ParameterException(spec.commandLine(), "'" + r + "' is not an AWS region code");
                }
                only.add(r.strip());
            }
            List<PriceBook.OfferSource> sources = files.stream()
                    .map(f -> new PriceBook.OfferSource(f.toString(), () -> Files.newInputStream(f))).toList();
            try (var ctx = CliContext.start()) {
                ImportReport report = ctx.getBean(PriceBook.class).importOffers(sources, only);
                print(report, spec.commandLine().getOut());
                return 0;
            }
        }

        static void print(ImportReport report, PrintWriter out) {
            for (ImportReport.OfferResult o : report.offers()) {
                out.printf("%s: %s %s, regions %s: %d price groups, %d added, %d changed, %d unchanged%n", o.file(),
                        o.offerCode(), o.version(), o.regions(), o.priceGroups(), o.added().size(), o.changed().size(),
                        o.unchanged());
                for (ImportReport.PriceChange c : o.added()) {
                    out.printf("  + %s %s %s (%s) from %s: %s%n", c.service(), c.region(), c.dimension(), c.variant(),
                            c.effectiveFrom(), c.after());
                }
                for (ImportReport.PriceChange c : o.changed()) {
                    out.printf("  ~ %s %s %s (%s) from %s: %s -> %s%n", c.service(), c.region(), c.dimension(),
                            c.variant(), c.effectiveFrom(), c.before(), c.after());
                }
                for (String s : o.skipped()) out.printf("  skipped %s%n", s);
            }
            out.printf("%d price groups changed.%n", report.changes());
            out.flush();
        }
    }
}
