package llmops.io;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import llmops.udfs.vectors.Reasons;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.LocatedFileStatus;
import org.apache.hadoop.fs.Path;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StringType;

/**
 * Texts to embed: plain text (one document per line), JSON Lines objects or Parquet, local or on
 * S3, read recursively (names starting with _ or . skipped). Records without usable text are kept
 * aside with their reason, never dropped.
 */
public final class TextInput {
  /** Why a text record was quarantined, beyond the reasons shared with the embedding readers. */
  public static final String EMPTY_TEXT = "empty_text";

  private TextInput() {}

  public enum Format {
    TEXT, JSONL, PARQUET, AUTO;

    public static Format parse(String name) {
      return switch (name.toLowerCase(Locale.ROOT)) {
        case "text", "txt" -> TEXT;
        case "jsonl", "json" -> JSONL;
        case "parquet" -> PARQUET;
        case "auto" -> AUTO;
        default -> throw new IllegalArgumentException("--input_format must be auto, text, jsonl or parquet (got '" + name + "')");
      };
    }
  }

  /** The usable texts of one file or partition, with their ids, and what was not usable. */
  public record Batch(List<String> ids, List<String> texts, List<BadRecord> bad, long blankLines) implements Serializable {
    static Batch empty() {
      return new Batch(new ArrayList<>(), new ArrayList<>(), new ArrayList<>(), 0);
    }
  }

  public record Parsed(JavaRDD<Batch> batches, Format format, int files) {}

  public static Parsed read(SparkSession spark, String path, Format requested, String idField, String textField) throws IOException {
    Configuration hadoop = spark.sparkContext().hadoopConfiguration();
    List<LocatedFileStatus> files = EmbeddingInput.listDataFiles(new Path(path), hadoop);
    if (files.isEmpty()) {
      throw new IllegalArgumentException("no input files under " + path + " (hidden files starting with _ or . are skipped)");
    }
    Format format = requested == Format.AUTO ? detect(files) : requested;
    JavaRDD<Batch> batches = format == Format.PARQUET
        ? readParquet(spark, files, idField, textField)
        : readLines(spark, files, hadoop, format == Format.JSONL, idField, textField);
    return new Parsed(batches.cache(), format, files.size());
  }

  private static Format detect(List<LocatedFileStatus> files) {
    String name = files.get(0).getPath().getName().toLowerCase(Locale.ROOT);
    if (name.endsWith(".parquet")) {
      return Format.PARQUET;
    }
    return name.matches(".*\\.jsonl?(\\.gz)?$") ? Format.JSONL : Format.TEXT;
  }

  private static JavaRDD<Batch> readLines(SparkSession spark, List<LocatedFileStatus> files, Configuration hadoop, boolean json,
      String idField, String textField) {
    // Whole files, never byte ranges: a plain text record's id is its line number.
    List<LineSplits.Split> splits = files.stream()
        .map(f -> new LineSplits.Split(f.getPath().toString(), f.getPath().getName(), 0, f.getLen())).toList();
    HadoopConf conf = new HadoopConf(hadoop);
    return JavaSparkContext.fromSparkContext(spark.sparkContext()).parallelize(splits, Math.max(1, splits.size()))
        .map(split -> readFile(split, conf.get(), json, idField, textField));
  }

  private static Batch readFile(LineSplits.Split split, Configuration conf, boolean json, String idField, String textField) {
    Batch batch = Batch.empty();
    String source = split.source();
    ObjectMapper mapper = new ObjectMapper();
    long[] lines = {0, 0}; // lines seen, blank lines
    LineSplits.Failure failure = LineSplits.read(split, conf, new LineSplits.LineVisitor() {
      @Override
      public void line(long offset, byte[] bytes, int length) {
        long line = ++lines[0];
        if (LineSplits.isBlank(bytes, length)) {
          lines[1]++;
          return;
        }
        String raw = new String(bytes, 0, length, StandardCharsets.UTF_8);
        String location = source + ":" + line;
        if (json) {
          addJson(batch, mapper, source, line, location, raw, idField, textField);
        } else {
          batch.ids().add(location);
          batch.texts().add(raw.strip());
        }
      }

      @Override
      public void rejected(long offset, String reason, String detail, String raw) {
        long line = ++lines[0];
        batch.bad().add(BadRecord.of(source, line, source + ":" + line, reason, detail, raw));
      }
    });
    if (failure != null) {
      batch.bad().add(BadRecord.of(source, lines[0], null, Reasons.CORRUPT_FILE, "after line " + lines[0] + ", " + failure.detail(), null));
    }
    return new Batch(batch.ids(), batch.texts(), batch.bad(), lines[1]);
  }

  private static void addJson(Batch batch, ObjectMapper mapper, String source, long line, String location, String raw,
      String idField, String textField) {
    JsonNode node;
    try {
      node = mapper.readTree(raw);
    } catch (IOException e) {
      batch.bad().add(BadRecord.of(source, line, location, Reasons.UNPARSEABLE, "not JSON: " + e.getMessage().lines().findFirst().orElse(""), raw));
      return;
    }
    if (node == null || !node.isObject()) {
      batch.bad().add(BadRecord.of(source, line, location, Reasons.WRONG_TYPE, "the line is not a JSON object", raw));
      return;
    }
    JsonNode idNode = node.get(idField);
    String id = idNode != null && (idNode.isTextual() || idNode.isNumber()) ? idNode.asText() : location;
    JsonNode text = node.get(textField);
    String problem = text == null || text.isNull() ? Reasons.MISSING_FIELD : !text.isTextual() ? Reasons.WRONG_TYPE
        : text.asText().isBlank() ? EMPTY_TEXT : null;
    if (problem != null) {
      batch.bad().add(BadRecord.of(source, line, id, problem, "field '" + textField + "' is " + (text == null ? "absent" : text.getNodeType()
          + (text.isTextual() ? " and blank" : "")), raw));
      return;
    }
    batch.ids().add(id);
    batch.texts().add(text.asText().strip());
  }

  private static JavaRDD<Batch> readParquet(SparkSession spark, List<LocatedFileStatus> files, String idField, String textField) {
    Dataset<Row> df = spark.read().parquet(files.stream().map(f -> f.getPath().toString()).toArray(String[]::new));
    List<String> columns = Arrays.asList(df.columns());
    if (!columns.contains(textField)) {
      throw new IllegalArgumentException("the Parquet input has no column '" + textField + "' (columns: " + columns + "); name it with --text_field");
    }
    if (!(df.schema().apply(textField).dataType() instanceof StringType)) {
      throw new IllegalArgumentException("the Parquet column '" + textField + "' is " + df.schema().apply(textField).dataType().simpleString()
          + ", not a string");
    }
    Dataset<Row> selected = df.select(functions.input_file_name(),
        columns.contains(idField) ? functions.col(idField).cast(DataTypes.StringType) : functions.lit(null).cast(DataTypes.StringType),
        functions.col(textField));
    return selected.javaRDD().mapPartitionsWithIndex((partition, rows) -> {
      Batch batch = Batch.empty();
      long index = 0;
      while (rows.hasNext()) {
        Row row = rows.next();
        String file = row.getString(0);
        String source = file.substring(file.lastIndexOf('/') + 1);
        String id = row.isNullAt(1) ? source + ":" + partition + ":" + index : row.getString(1);
        index++;
        if (row.isNullAt(2) || row.getString(2).isBlank()) {
          batch.bad().add(BadRecord.of(source, index - 1, id, row.isNullAt(2) ? Reasons.MISSING_FIELD : EMPTY_TEXT,
              "column '" + textField + "' is " + (row.isNullAt(2) ? "null" : "blank"), null));
          continue;
        }
        batch.ids().add(id);
        batch.texts().add(row.getString(2).strip());
      }
      return List.of(batch).iterator();
    }, true);
  }
}
