package llmops.io;

import java.util.LinkedHashMap;
import java.util.Map;

/** Wall time per phase of a job, in seconds, in the order the phases ran: reported in every summary. */
public final class Timings {
  private final Map<String, Double> seconds = new LinkedHashMap<>();

  public interface Phase<T> {
    T run() throws Exception;
  }

  public <T> T time(String phase, Phase<T> work) throws Exception {
    long start = System.nanoTime();
    try {
      return work.run();
    } finally {
      double elapsed = (System.nanoTime() - start) / 1e9;
      seconds.merge(phase, elapsed, Double::sum);
    }
  }

  /** Seconds per phase, to the millisecond. */
  public Map<String, Double> asMap() {
    Map<String, Double> rounded = new LinkedHashMap<>();
    seconds.forEach((phase, s) -> rounded.put(phase, Math.round(s * 1000) / 1000.0));
    return rounded;
  }
}
