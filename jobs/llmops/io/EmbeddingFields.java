package llmops.io;

import java.io.Serializable;

/**
 * Field names of JSON Lines and Parquet embedding records; the AWS sample's archives have none.
 *
 * @param time the field each record's time is read from (ISO-8601, epoch seconds or milliseconds); null: not read
 * @param segment the field each record's segment is read from (tenant, adapter, ...); null: not read. One of time and segment at most
 */
public record EmbeddingFields(String id, String embedding, String text, String time, String segment) implements Serializable {
  public EmbeddingFields {
    if (time != null && segment != null) {
      throw new IllegalArgumentException("a record is read with a time or a segment, not both");
    }
  }

  public EmbeddingFields(String id, String embedding, String text) {
    this(id, embedding, text, null, null);
  }

  public static EmbeddingFields defaults() {
    return new EmbeddingFields("id", "embedding", "text");
  }

  public EmbeddingFields withTime(String timeField) {
    return new EmbeddingFields(id, embedding, text, timeField, segment);
  }

  public EmbeddingFields withSegment(String segmentField) {
    return new EmbeddingFields(id, embedding, text, time, segmentField);
  }
}
