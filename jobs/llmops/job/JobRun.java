package llmops.job;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Consumer;
import java.util.function.Supplier;
import llmops.io.BadRecord;
import llmops.io.Dynamo;
import llmops.io.Locations;
import llmops.io.Quarantine;
import llmops.io.Timings;
import llmops.spark.Sparks;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.StorageLevel;

/**
 * One run of a job: its Spark session, its DynamoDB client, its phase timings, and everything it
 * cached, released in reverse order when the run ends (also when it fails). The session itself is
 * left open: in a Glue or EMR driver it belongs to the platform, and tests share it.
 */
public final class JobRun implements AutoCloseable {
  private final SparkSession spark;
  private final Dynamo dynamo;
  private final Timings timings = new Timings();
  private final Deque<Runnable> releases = new ArrayDeque<>();
  /** Whether this run opened the client, so closes it; a nested run borrows its parent's. */
  private final boolean ownsDynamo;

  private JobRun(SparkSession spark, Dynamo dynamo, boolean ownsDynamo) {
    this.spark = spark;
    this.dynamo = dynamo;
    this.ownsDynamo = ownsDynamo;
  }

  /**
   * Starts the session and, when asked, connects DynamoDB at the same time (the SDK client's start-up
   * is a second or so of class loading that need not wait for Spark's), then checks the locations'
   * file systems.
   */
  static JobRun start(String appName, Locations locations, boolean withDynamo) {
    CompletableFuture<Dynamo> connecting = withDynamo ? CompletableFuture.supplyAsync(Dynamo::connect) : null;
    SparkSession spark;
    try {
      spark = Sparks.session(appName);
      locations.checkFileSystems(spark.sparkContext().hadoopConfiguration());
    } catch (RuntimeException e) {
      if (connecting != null) {
        connecting.thenAccept(Dynamo::close);
      }
      throw e;
    }
    return new JobRun(spark, connecting == null ? null : joined(connecting), true);
  }

  /** A run inside this one (the distance job fitting its BASELINE): the same session and client, its own timings and releases. */
  public JobRun nested() {
    return new JobRun(spark, dynamo, false);
  }

  public SparkSession spark() {
    return spark;
  }

  public Configuration hadoop() {
    return spark.sparkContext().hadoopConfiguration();
  }

  public Dynamo dynamo() {
    if (dynamo == null) {
      throw new IllegalStateException("this job declared that it does not use DynamoDB");
    }
    return dynamo;
  }

  public Timings timings() {
    return timings;
  }

  /** Runs one phase of the pipeline, timed under its name in the summary. */
  public <T> T time(String phase, Timings.Phase<T> work) throws Exception {
    return timings.time(phase, work);
  }

  /** Persists a frame (memory, spilling to disk) until the run ends. */
  public <T> Dataset<T> persist(Dataset<T> frame) {
    frame.persist(StorageLevel.MEMORY_AND_DISK());
    releases.push(() -> frame.unpersist(false));
    return frame;
  }

  /** Persists an RDD (memory, spilling to disk) until the run ends. */
  public <T> JavaRDD<T> persist(JavaRDD<T> rdd) {
    rdd.persist(StorageLevel.MEMORY_AND_DISK());
    releases.push(() -> rdd.unpersist(false));
    return rdd;
  }

  /** Releases something the run's inputs cached themselves, when the run ends. */
  public <T> T releaseAtEnd(T cached, Consumer<T> release) {
    releases.push(() -> release.accept(cached));
    return cached;
  }

  /**
   * Writes the bad records, when there are any, to the path {@code where} gives (timed as the
   * "quarantine" phase); returns that path, or null when nothing was quarantined.
   */
  public String quarantine(long quarantined, JavaRDD<BadRecord> records, Supplier<String> where) throws Exception {
    return Quarantine.writeIfAny(spark, quarantined, records, where, timings);
  }

  @Override
  public void close() {
    RuntimeException failed = null;
    while (!releases.isEmpty()) {
      try {
        releases.pop().run();
      } catch (RuntimeException e) {
        // One release failing must not keep the others cached; the first failure is reported.
        failed = failed == null ? e : failed;
      }
    }
    if (dynamo != null && ownsDynamo) {
      dynamo.close();
    }
    if (failed != null) {
      throw failed;
    }
  }

  private static Dynamo joined(CompletableFuture<Dynamo> connecting) {
    try {
      return connecting.join();
    } catch (CompletionException e) {
      throw e.getCause() instanceof RuntimeException r ? r : e;
    }
  }
}
