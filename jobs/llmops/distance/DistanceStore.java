package llmops.distance;

import java.util.List;
import llmops.config.RunIdentity;

/** Where a distance run's summary goes in DynamoDB: the native schema or the AWS sample's DISTANCE item. */
interface DistanceStore {
  /** Checks (locally: creates) the table and that the run can be stored, before any Spark work. */
  void prepare(RunIdentity run);

  /** The run as it is stored: a rerun of an id that is not a time keeps the time of its first run, so it rewrites the same item. */
  RunIdentity stored(String series, RunIdentity run);

  /** Up to {@code limit} earlier distance runs of the series, newest first. */
  List<DistanceRunRecord> previousRuns(String series, RunIdentity current, int limit);

  /** Writes the run's item; a rerun with the same run id rewrites it. */
  void write(DistanceRunRecord record);

  String table();
}
