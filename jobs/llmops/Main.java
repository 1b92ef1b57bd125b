package llmops;

import llmops.config.GlueArguments;
import llmops.distance.DistanceJob;
import llmops.drift.DriftJob;
import llmops.embed.EmbedJob;
import llmops.eval.EvalJob;
import llmops.io.Summary;
import llmops.report.ReportJob;
import llmops.results.ResultsCommand;
import llmops.sample.SampleDataCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The one entry point: {@code llmops <job> --flag value ...} locally, after the jar in spark-submit,
 * EMR steps and Glue (where {@code --llmops_job <job>} names the job). Exit codes: 0 success, 1 the job
 * failed, 2 bad arguments, 3 a SNAPSHOT whose verdict is drift under {@code drift --fail_on_drift}.
 */
@Command(name = "llmops", mixinStandardHelpOptions = true, version = "llmops 0.1.0",
    description = "LLMOps analytics on Spark.",
    subcommands = {DriftJob.class, DistanceJob.class, EmbedJob.class, EvalJob.class, ReportJob.class, ResultsCommand.class, SampleDataCommand.class})
public final class Main {
  public static void main(String[] args) {
    System.exit(run(args));
  }

  public static int run(String[] args) {
    CommandLine cli = new CommandLine(new Main()).setCaseInsensitiveEnumValuesAllowed(true);
    cli.setExecutionExceptionHandler((error, command, parsed) -> {
      error.printStackTrace(System.err);
      Summary.printFailure(command.getCommandName(), error);
      return 1;
    });
    return cli.execute(GlueArguments.jobArguments(args));
  }
}
