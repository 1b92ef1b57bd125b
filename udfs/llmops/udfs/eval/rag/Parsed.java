package llmops.udfs.eval.rag;

import java.io.Serializable;

/** What a judge's reply said, or why it said nothing usable (never both). */
public record Parsed<T>(T value, String failure) implements Serializable {
  public static <T> Parsed<T> of(T value) {
    return new Parsed<>(value, null);
  }

  public static <T> Parsed<T> failed(String reason) {
    return new Parsed<>(null, reason);
  }

  public boolean ok() {
    return failure == null;
  }
}
