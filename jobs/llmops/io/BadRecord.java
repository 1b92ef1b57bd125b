package llmops.io;

import java.io.Serializable;

/** A record that could not be used, with where it came from and why; what quarantine files hold. */
public record BadRecord(String source, long offset, String id, String reason, String detail, String raw) implements Serializable {
  /** Longer raw text is cut: a quarantine file should show the problem, not copy a 50 MB line. */
  public static final int MAX_RAW_CHARS = 2000;

  public static BadRecord of(String source, long offset, String id, String reason, String detail, String raw) {
    return new BadRecord(source, offset, id, reason, detail, shortened(raw));
  }

  public static String shortened(String raw) {
    return raw == null || raw.length() <= MAX_RAW_CHARS ? raw : raw.substring(0, MAX_RAW_CHARS) + "...[" + raw.length() + " chars]";
  }
}
