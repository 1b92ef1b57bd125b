package llmops.config;

import java.time.Instant;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * Which run this is. A run id names the run's items, so a rerun with the same id rewrites the same
 * items. By default it is the start time in epoch seconds, which is also the AWS sample's
 * {@code jobdate}; an id made only of digits is read as that time, so reruns keep their place in
 * the history.
 */
public record RunIdentity(String runId, long epochSeconds) {
  private static final Pattern SAFE = Pattern.compile("[A-Za-z0-9._:-]{1,128}");

  public static RunIdentity of(String runId, Instant now) {
    if (runId == null || runId.isBlank()) {
      return new RunIdentity(Long.toString(now.getEpochSecond()), now.getEpochSecond());
    }
    if (!SAFE.matcher(runId).matches()) {
      throw new IllegalArgumentException("--run_id must be 1-128 characters of letters, digits and . _ : - (got '" + runId + "')");
    }
    return new RunIdentity(runId, isEpochSeconds(runId) ? Long.parseLong(runId) : now.getEpochSecond());
  }

  /**
   * The identity a rerun keeps: an id that is not a time keeps its first run's time (looked up by
   * {@code storedTime}, only then), so the rerun rewrites the same items and keeps its place in the history.
   */
  public RunIdentity keepingFirstTime(Supplier<Optional<Long>> storedTime) {
    return idIsTime() ? this : storedTime.get().map(time -> new RunIdentity(runId, time)).orElse(this);
  }

  public boolean idIsTime() {
    return isEpochSeconds(runId);
  }

  private static boolean isEpochSeconds(String id) {
    return id.length() <= 12 && id.chars().allMatch(Character::isDigit);
  }
}
