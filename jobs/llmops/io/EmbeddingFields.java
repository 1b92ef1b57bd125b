package llmops.io;

import java.io.Serializable;

/** Field names of JSON Lines and Parquet embedding records; the AWS sample's archives have none. */
public record EmbeddingFields(String id, String embedding, String text) implements Serializable {
  public static EmbeddingFields defaults() {
    return new EmbeddingFields("id", "embedding", "text");
  }
}
