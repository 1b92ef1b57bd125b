package llmops;

import java.util.function.IntConsumer;
import llmops.config.GlueArguments;
import llmops.distance.DistanceJob;
import llmops.drift.DriftJob;
import llmops.embed.EmbedJob;
import llmops.eval.EvalJob;
import llmops.io.Summary;
import llmops.report.ReportJob;
import llmops.results.ResultsCommand;
import llmops.sample.SampleDataCommand;
import org.apache.spark.SparkUserAppException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The one entry point: {@code llmops <job> --flag value ...} locally, after the jar in spark-submit,
 * EMR steps and Glue (where {@code --llmops_job <job>} names the job). Exit codes: 0 success, 1 the job
 * failed, 2 bad arguments, 3 a SNAPSHOT whose verdict is drift under {@code drift --fail_on_drift}.
 *
 * <p>How a run ends depends on where the driver runs. Locally and in client mode the JVM exits with the
 * code. In YARN cluster mode (every EMR step) this class runs inside the ApplicationMaster, and
 * {@code System.exit}, 0 included, fires its shutdown hook before a final status is reported: the
 * application ends FAILED and YARN may run it again. There {@code main} returns on success and throws
 * {@link SparkUserAppException} otherwise, which the ApplicationMaster reports as "User application
 * exited with status N". Glue's driver script calls {@link #run} and throws on a non-zero code itself.
 */
@Command(name = "llmops", mixinStandardHelpOptions = true, version = "llmops 0.1.0",
    description = "LLMOps analytics on Spark.",
    subcommands = {DriftJob.class, DistanceJob.class, EmbedJob.class, EvalJob.class, ReportJob.class, ResultsCommand.class, SampleDataCommand.class})
public final class Main {
  public static void main(String[] args) throws SparkUserAppException {
    end(run(args), System.getProperty("spark.submit.deployMode", "client"), System::exit);
  }

  /** Ends a run with this exit code: by {@code exit} in client mode, by returning or throwing in cluster mode. */
  static void end(int code, String deployMode, IntConsumer exit) throws SparkUserAppException {
    if (!"cluster".equals(deployMode)) {
      exit.accept(code);
    } else if (code != 0) {
      throw new SparkUserAppException(code);
    }
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
