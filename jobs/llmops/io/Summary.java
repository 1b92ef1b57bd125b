package llmops.io;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.util.LinkedHashMap;
import java.util.Map;

/** Every job's last line on stdout: one JSON object saying what it did, or why it failed. */
public final class Summary {
  private static final ObjectMapper JSON = new ObjectMapper().disable(SerializationFeature.FAIL_ON_EMPTY_BEANS);

  private Summary() {}

  public static String json(Map<String, ?> summary) {
    try {
      return JSON.writeValueAsString(summary);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("summary is not serialisable", e);
    }
  }

  public static void print(Map<String, ?> summary) {
    printLine(json(summary));
  }

  /** A summary already serialised by a job's own summary-line serialiser (typed records, {@link Records}). */
  public static void printLine(String json) {
    System.out.println(json);
    System.out.flush();
  }

  public static void printFailure(String job, Throwable error) {
    Map<String, Object> failure = new LinkedHashMap<>();
    failure.put("job", job);
    failure.put("status", "failed");
    String message = String.valueOf(error.getMessage());
    // Spark's messages can carry whole serialisation stacks; the first line says what went wrong.
    String firstLine = message.lines().findFirst().orElse("");
    failure.put("error", error.getClass().getSimpleName() + ": " + (firstLine.length() > 1000 ? firstLine.substring(0, 1000) + "..." : firstLine));
    print(failure);
  }
}
