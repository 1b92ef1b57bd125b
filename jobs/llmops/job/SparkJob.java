package llmops.job;

import java.util.concurrent.Callable;
import llmops.io.Locations;

/**
 * What every Spark job shares, in the spirit of Iceberg's {@code BaseSparkAction}: the flags a job
 * declares are checked, its locations are checked before anything starts, then {@link JobRun} opens
 * the Spark session (and the DynamoDB client beside it) and releases what the job cached, whatever
 * happens. A job writes only its pipeline, in {@link #run}.
 */
public abstract class SparkJob implements Callable<Integer> {

  /** The command's name, as in {@code llmops <name>}: the Spark application is {@code llmops-<name>}. */
  protected abstract String name();

  /** Checks of the flags that need no Spark and no AWS, so a wrong value fails at once (exit code 2 or 1). */
  protected void checkFlags() {}

  /** Every path and table the job reads or writes; checked before the session starts and against its file systems after. */
  protected abstract Locations locations();

  /** Whether the job reads or writes DynamoDB (then {@link JobRun#dynamo()} is connected as Spark starts). */
  protected boolean usesDynamo() {
    return true;
  }

  /** The pipeline: returns the exit code (0, or a job's own code such as drift's 3). */
  protected abstract int run(JobRun job) throws Exception;

  @Override
  public final Integer call() throws Exception {
    checkFlags();
    Locations locations = locations().check();
    try (JobRun job = JobRun.start("llmops-" + name(), locations, usesDynamo())) {
      return run(job);
    }
  }

  /**
   * Runs this job inside another job's run, on its session and client, with its own timings and
   * releases: the distance job fits a missing BASELINE this way. A failure propagates as it is.
   */
  public final int callWithin(JobRun parent) throws Exception {
    checkFlags();
    locations().check();
    try (JobRun job = parent.nested()) {
      return run(job);
    }
  }
}
