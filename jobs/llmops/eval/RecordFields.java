package llmops.eval;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.burt.jmespath.Expression;
import io.burt.jmespath.JmesPath;
import io.burt.jmespath.jackson.JacksonRuntime;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import llmops.io.BadRecord;
import llmops.udfs.vectors.Reasons;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * Takes one dataset record (a JSON object) apart with the config's JMESPath locations: one row per
 * model to score, holding the record's input, target, that model's output and the category, or the
 * reason it cannot be scored. A bad record is kept as a row with its error, never dropped.
 * One instance per task: compiled expressions are not serialisable.
 */
final class RecordFields {
  static final StructType SCHEMA = DataTypes.createStructType(List.of(
      DataTypes.createStructField("record_id", DataTypes.StringType, false),
      DataTypes.createStructField("source", DataTypes.StringType, false),
      DataTypes.createStructField("model", DataTypes.StringType, false),
      DataTypes.createStructField("model_input", DataTypes.StringType, true),
      DataTypes.createStructField("model_output", DataTypes.StringType, true),
      DataTypes.createStructField("target_output", DataTypes.StringType, true),
      DataTypes.createStructField("category", DataTypes.StringType, true),
      DataTypes.createStructField("error_reason", DataTypes.StringType, true),
      DataTypes.createStructField("error_detail", DataTypes.StringType, true),
      DataTypes.createStructField("contexts", DataTypes.createArrayType(DataTypes.StringType, false), true)));

  private static final JmesPath<JsonNode> JMESPATH = new JacksonRuntime();
  private final ObjectMapper json = new ObjectMapper();
  private final List<String> models = new ArrayList<>();
  private final List<Field> outputs = new ArrayList<>();
  private final Field input;
  private final Field target;
  private final Field category;
  private final Field recordId;
  private final Field contexts;
  private final String contextDelimiter;

  /**
   * A location and how to find it: {@code keys} when it is a plain path of object keys ({@code question},
   * {@code a.b}, {@code answers."llama2-7b-f"}), walked directly, which gives what JMESPath gives (a
   * key of a missing value or of a non-object is null) without its general evaluator; otherwise the
   * compiled {@code expression}.
   */
  private record Field(String name, String location, Expression<JsonNode> expression, List<String> keys) {
    JsonNode search(JsonNode record) {
      if (keys == null) {
        return expression.search(record);
      }
      return walk(keys, record);
    }
  }

  /** The value at a plain path of keys: null where a key is absent or the value it is asked of is not an object. */
  static JsonNode walk(List<String> keys, JsonNode record) {
    JsonNode node = record;
    for (int i = 0; i < keys.size() && node != null; i++) {
      node = node.get(keys.get(i));
    }
    return node;
  }

  /** JMESPath's unquoted identifier, or a quoted one without escapes (its key is the text between the quotes). */
  private static final String KEY = "([A-Za-z_][A-Za-z0-9_]*)|\"([^\"\\\\]*)\"";
  private static final Pattern PLAIN_PATH = Pattern.compile("(?:" + KEY + ")(?:\\.(?:" + KEY + "))*");
  private static final Pattern ONE_KEY = Pattern.compile("(?:^|\\.)(?:" + KEY + ")");

  /** The keys of a plain path of object keys, or null when the location is any other JMESPath expression. */
  static List<String> plainKeys(String location) {
    if (!PLAIN_PATH.matcher(location).matches()) {
      return null;
    }
    List<String> keys = new ArrayList<>();
    Matcher key = ONE_KEY.matcher(location);
    while (key.find()) {
      keys.add(key.group(1) != null ? key.group(1) : key.group(2));
    }
    return keys;
  }

  RecordFields(EvaluationConfig config, List<EvaluationConfig.Model> scored) {
    EvaluationConfig.Dataset d = config.dataset();
    input = field("model_input", d.modelInput());
    target = field("target_output", d.targetOutput());
    category = d.category() == null ? null : field("category", d.category());
    recordId = d.recordId() == null ? null : field("record_id", d.recordId());
    contexts = d.contexts() == null ? null : field("contexts", d.contexts());
    contextDelimiter = d.contextDelimiter();
    for (EvaluationConfig.Model model : scored) {
      models.add(model.name());
      // A called model's answer comes from its endpoint, later.
      outputs.add(model.isCalled() ? null : field("model_output", config.modelOutputOf(model)));
    }
  }

  private static Field field(String name, String location) {
    return new Field(name, location, JMESPATH.compile(location), plainKeys(location));
  }

  /** The rows of one raw JSON record found at {@code position} (e.g. "data.jsonl@17") of {@code source}. */
  List<Row> rows(String raw, String source, String position) {
    try {
      return rows(json.readTree(raw), () -> raw, source, position);
    } catch (IOException e) {
      return unparseable(e, raw, source, position);
    }
  }

  /**
   * The rows of one line of UTF-8 (checked valid by LineSplits), parsed from its bytes: no String of the
   * whole line is made unless the record is rejected and its beginning is shown.
   */
  List<Row> rows(byte[] utf8, int length, String source, String position) {
    try {
      return rows(json.readTree(utf8, 0, length), () -> new String(utf8, 0, length, StandardCharsets.UTF_8), source, position);
    } catch (IOException e) {
      return unparseable(e, new String(utf8, 0, length, StandardCharsets.UTF_8), source, position);
    }
  }

  private List<Row> unparseable(IOException e, String raw, String source, String position) {
    return failed(position, source, Reasons.UNPARSEABLE, "not JSON: " + e.getMessage().lines().findFirst().orElse(""), raw);
  }

  private List<Row> rows(JsonNode record, Supplier<String> raw, String source, String position) {
    if (record == null || !record.isObject()) {
      return failed(position, source, Reasons.WRONG_TYPE, "the record is not a JSON object", raw.get());
    }
    String id = position;
    if (recordId != null) {
      JsonNode value = recordId.search(record);
      if (value != null && value.isValueNode() && !value.isNull()) {
        id = value.asText();
      }
    }
    Value in = value(input, record);
    Value tgt = value(target, record);
    Value cat = category == null ? new Value(null, null) : value(category, record);
    Contexts ctx = contexts == null ? new Contexts(null, null) : contexts(record);
    List<Row> rows = new ArrayList<>(models.size());
    for (int m = 0; m < models.size(); m++) {
      Value out = outputs.get(m) == null ? new Value(null, null) : value(outputs.get(m), record);
      String problem = firstProblem(in, tgt, out, cat, new Value(null, ctx.problem()));
      rows.add(RowFactory.create(id, source, models.get(m), in.text(), out.text(), tgt.text(), cat.text(),
          problem == null ? null : problem.substring(0, problem.indexOf(':')),
          problem == null ? null : problem.substring(problem.indexOf(':') + 2), ctx.texts() == null ? null : ctx.texts().toArray(String[]::new)));
    }
    return rows;
  }

  /** One error row per model for a record that cannot be read at all. */
  List<Row> failed(String id, String source, String reason, String detail, String raw) {
    List<Row> rows = new ArrayList<>(models.size());
    for (String model : models) {
      rows.add(RowFactory.create(id, source, model, null, null, null, null, reason, detail + "; record: " + BadRecord.shortened(raw), null));
    }
    return rows;
  }

  /** A record's retrieved contexts in their order, or "reason: detail" saying why there are none. */
  private record Contexts(List<String> texts, String problem) {}

  /**
   * The contexts: a list of texts (numbers and booleans as their text, as for the other fields), or one text cut
   * at the delimiter (the whole text without one). Blank contexts are left out; none at all is a missing field.
   */
  private Contexts contexts(JsonNode record) {
    JsonNode found = contexts.search(record);
    String where = "contexts (" + contexts.location() + ")";
    if (found == null || found.isNull() || found.isMissingNode()) {
      return new Contexts(null, Reasons.MISSING_FIELD + ": " + where + " is absent");
    }
    List<String> texts = new ArrayList<>();
    if (found.isArray()) {
      for (JsonNode item : found) {
        if (!(item.isTextual() || item.isNumber() || item.isBoolean())) {
          return new Contexts(null, Reasons.WRONG_TYPE + ": " + where + " holds " + item.getNodeType().name().toLowerCase() + ", not text");
        }
        texts.add(item.asText());
      }
    } else if (found.isTextual()) {
      texts.addAll(contextDelimiter == null ? List.of(found.asText()) : List.of(found.asText().split(java.util.regex.Pattern.quote(contextDelimiter), -1)));
    } else {
      return new Contexts(null, Reasons.WRONG_TYPE + ": " + where + " is " + found.getNodeType().name().toLowerCase() + ", not a list or text");
    }
    texts.removeIf(String::isBlank);
    if (texts.isEmpty()) {
      return new Contexts(null, Reasons.MISSING_FIELD + ": " + where + " holds no context");
    }
    return new Contexts(List.copyOf(texts), null);
  }

  /** A field's text, or "reason: detail" saying why there is none. */
  private record Value(String text, String problem) {}

  /**
   * Strings as they are; numbers and booleans as their JSON text (fmeval turns a label 1 into "1").
   * Anything else cannot be compared with text and is an error.
   */
  private static Value value(Field field, JsonNode record) {
    JsonNode found = field.search(record);
    if (found == null || found.isNull() || found.isMissingNode()) {
      return new Value(null, Reasons.MISSING_FIELD + ": " + field.name() + " (" + field.location() + ") is absent");
    }
    if (found.isTextual() || found.isNumber() || found.isBoolean()) {
      return new Value(found.asText(), null);
    }
    return new Value(null, Reasons.WRONG_TYPE + ": " + field.name() + " (" + field.location() + ") is " + found.getNodeType().name().toLowerCase()
        + ", not text");
  }

  private static String firstProblem(Value... values) {
    for (Value v : values) {
      if (v.problem() != null) {
        return v.problem();
      }
    }
    return null;
  }
}
