package llmops.io;

import java.io.Serializable;

/**
 * Field names of JSON Lines and Parquet embedding records; the AWS sample's archives have none.
 *
 * @param time the field each record's time is read from (ISO-8601, epoch seconds or milliseconds); null: not read
 */
public record EmbeddingFields(String id, String embedding, String text, String time) implements Serializable {
  public EmbeddingFields(String id, String embedding, String text) {
    this(id, embedding, text, null);
  }

  public static EmbeddingFields defaults() {
    return new EmbeddingFields("id", "embedding", "text");
  }

  public EmbeddingFields withTime(String timeField) {
    return new EmbeddingFields(id, embedding, text, timeField);
  }
}
