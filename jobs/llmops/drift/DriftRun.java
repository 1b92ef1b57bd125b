package llmops.drift;

import llmops.config.RunIdentity;

/** Which run of which series: what names the run's items. */
public record DriftRun(JobType jobType, String series, RunIdentity identity) {
  public enum JobType { BASELINE, SNAPSHOT }

  public DriftRun {
    int segment = series.indexOf('#');
    checkSeries(segment < 0 ? series : series.substring(0, segment));
    if (segment >= 0) {
      checkSeries(series.substring(segment + 1));
    }
  }

  /** The run of one segment: the same run of the series {@code <series>#<segment>}, whose history is one partition. */
  DriftRun segment(String segment) {
    return new DriftRun(jobType, series + "#" + segment, identity);
  }

  /** Whether a stored series is one segment's ({@link #segment}) rather than a whole input's. */
  public static boolean isSegmentSeries(String series) {
    return series.indexOf('#') >= 0;
  }

  /** Series names become parts of DynamoDB keys and of paths: kept to a safe alphabet. */
  public static void checkSeries(String series) {
    if (!series.matches("[A-Za-z0-9._:-]{1,128}")) {
      throw new IllegalArgumentException("--series must be 1-128 characters of letters, digits and . _ : - (got '" + series + "')");
    }
  }

  /** Sort key of the run's summary item in the native runs table. */
  String runKey() {
    return jobType + "#" + identity.runId();
  }

  /** Partition key of the run's centroid items in the native centroid table. */
  String centroidKey() {
    return series + "#" + jobType + "#" + identity.runId();
  }

  /** Sorts a series' runs of one type by time: the latest BASELINE is the last under "BASELINE#". */
  static String typeTimeKey(JobType type, long epochSeconds, String runId) {
    return type + "#" + String.format("%012d", epochSeconds) + "#" + runId;
  }
}
