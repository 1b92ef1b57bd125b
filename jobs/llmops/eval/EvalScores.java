package llmops.eval;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A model's scores on the whole dataset or one category, stored as one flat map: {@code records}
 * (categories only), then each score's mean by its fmeval name in the order computed, then
 * {@code intervals} (per score, the bootstrap interval of that mean: {@code {low, high}}), then the
 * classification's {@code confusion_matrix} (target label to predicted label to count). The score
 * names are open-ended (whatever algorithms were configured), so they stay a map; an undefined
 * mean (NaN) is stored as null.
 *
 * @param records the category's records; null (absent) for the whole dataset, whose count is the run's
 * @param means score name to mean, in the order computed
 * @param intervals score name to the percentile interval of its mean; null (absent) when the run had no bootstrap
 * @param confusionMatrix null (absent) without classification
 */
@JsonSerialize(using = EvalScores.Flat.class)
@JsonDeserialize(using = EvalScores.FromFlat.class)
public record EvalScores(Long records, Map<String, Double> means, Map<String, Interval> intervals,
    Map<String, Map<String, Long>> confusionMatrix) {
  static final String RECORDS = "records";
  static final String INTERVALS = "intervals";
  static final String CONFUSION_MATRIX = "confusion_matrix";

  /** A mean's interval at the run's {@code statistics.confidence}; a bound is null (NaN here) where no replicate defined it. */
  public record Interval(double low, double high) {
    static Interval of(llmops.udfs.stats.PercentileInterval interval) {
      return new Interval(interval.low(), interval.high());
    }
  }

  /** The mean of score {@code name}; null when it was not computed, NaN when it was undefined. */
  public Double mean(String name) {
    return means.get(name);
  }

  /** The interval of score {@code name}'s mean; null when the run computed none for it. */
  public Interval interval(String name) {
    return intervals == null ? null : intervals.get(name);
  }

  static final class Flat extends StdSerializer<EvalScores> {
    Flat() {
      super(EvalScores.class);
    }

    @Override
    public void serialize(EvalScores scores, JsonGenerator out, SerializerProvider provider) throws IOException {
      out.writeStartObject();
      if (scores.records() != null) {
        out.writeNumberField(RECORDS, scores.records());
      }
      for (Map.Entry<String, Double> mean : scores.means().entrySet()) {
        out.writeFieldName(mean.getKey());
        out.writeNumber(mean.getValue());
      }
      if (scores.intervals() != null) {
        out.writeObjectFieldStart(INTERVALS);
        for (Map.Entry<String, Interval> interval : scores.intervals().entrySet()) {
          out.writeObjectFieldStart(interval.getKey());
          out.writeNumberField("low", interval.getValue().low());
          out.writeNumberField("high", interval.getValue().high());
          out.writeEndObject();
        }
        out.writeEndObject();
      }
      if (scores.confusionMatrix() != null) {
        out.writeFieldName(CONFUSION_MATRIX);
        provider.defaultSerializeValue(scores.confusionMatrix(), out);
      }
      out.writeEndObject();
    }
  }

  static final class FromFlat extends StdDeserializer<EvalScores> {
    FromFlat() {
      super(EvalScores.class);
    }

    @Override
    public EvalScores deserialize(JsonParser in, DeserializationContext context) throws IOException {
      Long records = null;
      Map<String, Double> means = new LinkedHashMap<>();
      Map<String, Map<String, Long>> matrix = null;
      Map<String, Interval> intervals = null;
      JsonToken token = in.currentToken() == JsonToken.START_OBJECT ? in.nextToken() : in.currentToken();
      for (; token == JsonToken.FIELD_NAME; token = in.nextToken()) {
        String name = in.currentName();
        JsonToken value = in.nextToken();
        if (name.equals(RECORDS)) {
          records = in.getLongValue();
        } else if (name.equals(INTERVALS)) {
          intervals = new LinkedHashMap<>();
          for (Map.Entry<String, JsonNode> interval : context.readTree(in).properties()) {
            intervals.put(interval.getKey(), new Interval(number(interval.getValue().get("low")), number(interval.getValue().get("high"))));
          }
        } else if (name.equals(CONFUSION_MATRIX)) {
          matrix = context.readValue(in, context.getTypeFactory().constructType(new TypeReference<Map<String, Map<String, Long>>>() {}));
        } else {
          // DynamoDB has no NaN: an undefined mean was stored as null.
          means.put(name, value == JsonToken.VALUE_NULL ? Double.NaN : in.getValueAsDouble(Double.NaN));
        }
      }
      return new EvalScores(records, means, intervals, matrix);
    }

    /** DynamoDB has no NaN: an undefined bound was stored as null. */
    private static double number(JsonNode value) {
      return value == null || value.isNull() ? Double.NaN : value.asDouble();
    }
  }
}
