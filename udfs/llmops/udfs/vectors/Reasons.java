package llmops.udfs.vectors;

/** Why a record was quarantined. These strings appear in quarantine files, summaries and DynamoDB items. */
public final class Reasons {
  public static final String UNPARSEABLE = "unparseable";
  public static final String NON_FINITE = "non_finite_value";
  public static final String EMPTY_VECTOR = "empty_vector";
  public static final String DIMENSION_MISMATCH = "dimension_mismatch";
  public static final String MISSING_FIELD = "missing_field";
  public static final String WRONG_TYPE = "wrong_type";
  public static final String CORRUPT_FILE = "corrupt_file";
  /** A line longer than the readers' limit: set aside unread, so one absurd line cannot exhaust memory. */
  public static final String LINE_TOO_LONG = "line_too_long";
  /** A line that is not valid UTF-8: set aside rather than decoded with replacement characters. */
  public static final String INVALID_UTF8 = "invalid_utf8";
  /** A time field (--time_field) that is neither ISO-8601 nor epoch seconds or milliseconds. */
  public static final String UNREADABLE_TIME = "unreadable_time";
  /** A segment (--segment_field) that cannot name DynamoDB items: not 1-128 letters, digits and . _ : -. */
  public static final String UNUSABLE_SEGMENT = "unusable_segment";

  private Reasons() {}
}
