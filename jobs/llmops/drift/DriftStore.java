package llmops.drift;

import java.util.List;
import java.util.Optional;

/** Where a drift run's summary and centroids go in DynamoDB: the native schema or the AWS sample's. */
interface DriftStore {
  /** Checks (locally: creates) the tables and that the run can be stored, before any Spark work, so mistakes fail fast. */
  void prepare(DriftRun run);

  /** Writes the run's items; returns how many were written. Rerunning a run id rewrites the same items. */
  int write(DriftRun run, DriftRunRecord record, DriftResult result);

  List<String> tables();

  /** The BASELINE run {@code runId} of a series, or its latest when null; empty when there is none or the schema cannot say. */
  Optional<StoredBaseline> baseline(String series, String runId);

  /**
   * The latest SNAPSHOT of the series stored before {@code run} (by its time, then id; never the run
   * itself, so a rerun compares with the same one), for the consecutive comparison; empty when there
   * is none or the schema cannot say.
   */
  Optional<StoredBaseline> previousSnapshot(DriftRun run);

  /** A series' runs, oldest first, for the history rule; empty where the schema keeps no verdicts. */
  List<DriftRunRecord> history(String series);
}
