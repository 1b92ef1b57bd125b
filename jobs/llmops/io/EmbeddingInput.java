package llmops.io;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import llmops.udfs.time.EventTime;
import llmops.udfs.vectors.EmbeddingText;
import llmops.udfs.vectors.MalformedEmbeddingException;
import llmops.udfs.vectors.Reasons;
import llmops.udfs.vectors.VectorChecks;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocatedFileStatus;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RemoteIterator;
import org.apache.hadoop.io.compress.CompressionCodec;
import org.apache.hadoop.io.compress.CompressionCodecFactory;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.ml.linalg.VectorUDT;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.catalyst.util.ArrayData;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.NumericType;
import org.apache.spark.storage.StorageLevel;

/**
 * Reads embeddings from a path (local, s3://, s3a://) in any supported format into parsed chunks,
 * one per input split. Text inputs are read split by split with Hadoop's line reader so that a
 * corrupt gzip file becomes one quarantined failure, with the lines before the damage kept,
 * instead of failing the job.
 */
public final class EmbeddingInput {
  /** Plain text files larger than this are read as several splits in parallel. */

  private EmbeddingInput() {}

  /** The parsed input, cached: every later pass of the job reads it from memory. */
  public record Parsed(JavaRDD<ParsedChunk> chunks, InputFormat format, int files) {}

  /**
   * How the splits of line files (seed text, JSON Lines) become partitions, each partition reading
   * its splits in order into one chunk. The default gives every split its own partition; Spark
   * MLlib's results depend on the partitioning, so its engine plans them as Spark's text source would.
   */
  public interface LinePartitioning {
    List<List<LineSplits.Split>> partitions(List<LineSplits.Split> splits, InputFormat format);
  }

  /** One partition per split. */
  public static final LinePartitioning SPLIT_PER_PARTITION = (splits, format) -> splits.stream().map(List::of).toList();

  public static Parsed read(SparkSession spark, String dataPath, InputFormat requested, EmbeddingFields fields) throws IOException {
    return read(spark, dataPath, requested, fields, SPLIT_PER_PARTITION);
  }

  public static Parsed read(SparkSession spark, String dataPath, InputFormat requested, EmbeddingFields fields,
      LinePartitioning partitioning) throws IOException {
    Configuration hadoop = spark.sparkContext().hadoopConfiguration();
    Path root = new Path(dataPath);
    List<LocatedFileStatus> files = listDataFiles(root, hadoop);
    if (files.isEmpty()) {
      throw new IllegalArgumentException("no input files under " + dataPath + " (hidden files starting with _ or . are skipped)");
    }
    InputFormat format = requested == InputFormat.AUTO ? detect(files, hadoop) : requested;
    if (format == InputFormat.SEED && (fields.time() != null || fields.segment() != null)) {
      throw new IllegalArgumentException("the AWS sample's text lines have no fields: a time or segment field needs JSON Lines or Parquet input");
    }
    JavaRDD<ParsedChunk> chunks = format == InputFormat.PARQUET
        ? readParquet(spark, files, fields)
        : readLines(spark, root, files, hadoop, format, fields, partitioning);
    chunks = chunks.persist(StorageLevel.MEMORY_AND_DISK());
    return new Parsed(chunks, format, files.size());
  }

  public static List<LocatedFileStatus> listDataFiles(Path path, Configuration hadoop) throws IOException {
    FileSystem fs = path.getFileSystem(hadoop);
    // Qualified like the listed files, so only names below the input path can make a file hidden.
    Path root = fs.makeQualified(path);
    List<LocatedFileStatus> files = new ArrayList<>();
    if (!fs.exists(root)) {
      throw new IllegalArgumentException("input path does not exist: " + root);
    }
    RemoteIterator<LocatedFileStatus> it = fs.listFiles(root, true);
    while (it.hasNext()) {
      LocatedFileStatus status = it.next();
      if (!isHidden(root, status.getPath())) {
        files.add(status);
      }
    }
    files.sort(Comparator.comparing(f -> f.getPath().toString()));
    return files;
  }

  private static boolean isHidden(Path root, Path file) {
    for (Path p = file; p != null && !p.equals(root) && p.getParent() != null; p = p.getParent()) {
      String name = p.getName();
      if (name.startsWith("_") || name.startsWith(".")) {
        return true;
      }
    }
    return false;
  }

  private static InputFormat detect(List<LocatedFileStatus> files, Configuration hadoop) throws IOException {
    String first = files.get(0).getPath().getName().toLowerCase(Locale.ROOT);
    if (first.endsWith(".parquet")) {
      return InputFormat.PARQUET;
    }
    if (first.endsWith(".jsonl") || first.endsWith(".json") || first.endsWith(".jsonl.gz") || first.endsWith(".json.gz")) {
      return InputFormat.JSONL;
    }
    for (LocatedFileStatus file : files) {
      Path path = file.getPath();
      CompressionCodec codec = new CompressionCodecFactory(hadoop).getCodec(path);
      try (InputStream raw = path.getFileSystem(hadoop).open(path);
           InputStream in = codec == null ? raw : codec.createInputStream(raw)) {
        int c;
        while ((c = in.read()) != -1) {
          if (!Character.isWhitespace(c)) {
            return c == '{' ? InputFormat.JSONL : InputFormat.SEED;
          }
        }
      } catch (IOException unreadable) {
        // A corrupt file says nothing about the format; the next one may, and the reader will quarantine this one.
      }
    }
    return InputFormat.SEED;
  }

  private static JavaRDD<ParsedChunk> readLines(SparkSession spark, Path root, List<LocatedFileStatus> files, Configuration hadoop,
      InputFormat format, EmbeddingFields fields, LinePartitioning partitioning) {
    List<List<LineSplits.Split>> partitions = partitioning.partitions(LineSplits.plan(root, files, hadoop), format);
    HadoopConf conf = new HadoopConf(hadoop);
    LineParser parser = format == InputFormat.JSONL ? new JsonLineParser(fields) : new SeedLineParser();
    return JavaSparkContext.fromSparkContext(spark.sparkContext())
        .parallelize(partitions, Math.max(1, partitions.size()))
        .map(splits -> {
          ParsedChunk chunk = new ParsedChunk();
          for (LineSplits.Split split : splits) {
            readSplit(chunk, split, conf.get(), parser);
          }
          return chunk.finish();
        });
  }

  private static void readSplit(ParsedChunk chunk, LineSplits.Split split, Configuration conf, LineParser parser) {
    LineSplits.Failure failure = LineSplits.read(split, conf, new LineSplits.LineVisitor() {
      @Override
      public void line(long offset, byte[] bytes, int length) {
        if (LineSplits.isBlank(bytes, length)) {
          chunk.addBlankLine();
        } else {
          parser.parse(chunk, split.source(), offset, bytes, length);
        }
      }

      @Override
      public void rejected(long offset, String reason, String detail, String raw) {
        chunk.addBad(BadRecord.of(split.source(), offset, split.source() + ":" + offset, reason, detail, raw));
      }
    });
    if (failure != null) {
      chunk.addFileFailure(BadRecord.of(split.source(), failure.offset(), null, Reasons.CORRUPT_FILE, failure.detail(), null));
    }
  }

  private interface LineParser extends Serializable {
    void parse(ParsedChunk chunk, String source, long offset, byte[] bytes, int length);
  }

  private static final class SeedLineParser implements LineParser {
    private static final long serialVersionUID = 1L;

    @Override
    public void parse(ParsedChunk chunk, String source, long offset, byte[] bytes, int length) {
      String id = source + ":" + offset;
      try {
        float[] v = EmbeddingText.parse(bytes, length);
        VectorChecks.requireUsable(v);
        chunk.addVector(id, false, v);
      } catch (MalformedEmbeddingException e) {
        chunk.addBad(BadRecord.of(source, offset, id, e.reason(), e.getMessage(), new String(bytes, 0, length, StandardCharsets.UTF_8)));
      }
    }
  }

  private static final class JsonLineParser implements LineParser {
    private static final long serialVersionUID = 1L;
    private final EmbeddingFields fields;
    private transient ObjectMapper mapper;

    JsonLineParser(EmbeddingFields fields) {
      this.fields = fields;
    }

    @Override
    public void parse(ParsedChunk chunk, String source, long offset, byte[] bytes, int length) {
      if (mapper == null) {
        mapper = new ObjectMapper().enable(JsonParser.Feature.ALLOW_NON_NUMERIC_NUMBERS);
      }
      String fallbackId = source + ":" + offset;
      String id = fallbackId;
      try {
        JsonNode node;
        try {
          node = mapper.readTree(bytes, 0, length);
        } catch (IOException e) {
          throw new MalformedEmbeddingException(Reasons.UNPARSEABLE, "not JSON: " + e.getMessage().lines().findFirst().orElse(""));
        }
        if (node == null || !node.isObject()) {
          throw new MalformedEmbeddingException(Reasons.WRONG_TYPE, "the line is not a JSON object");
        }
        String own = ownId(node, fields);
        id = own != null ? own : fallbackId;
        JsonNode embedding = node.get(fields.embedding());
        if (embedding == null || embedding.isNull()) {
          throw new MalformedEmbeddingException(Reasons.MISSING_FIELD, "no '" + fields.embedding() + "' field");
        }
        if (!embedding.isArray()) {
          throw new MalformedEmbeddingException(Reasons.WRONG_TYPE, "'" + fields.embedding() + "' is " + embedding.getNodeType() + ", not an array");
        }
        float[] v = new float[embedding.size()];
        for (int i = 0; i < v.length; i++) {
          JsonNode x = embedding.get(i);
          if (!x.isNumber()) {
            throw new MalformedEmbeddingException(Reasons.WRONG_TYPE, "value " + i + " of '" + fields.embedding() + "' is " + x.getNodeType());
          }
          v[i] = (float) x.doubleValue();
        }
        VectorChecks.requireUsable(v);
        if (fields.segment() != null) {
          chunk.addVector(id, own != null, v, segment(scalarText(node, fields.segment(), Reasons.WRONG_TYPE, "a name")));
        } else if (fields.time() != null) {
          chunk.addVector(id, own != null, v, epochMillis(scalarText(node, fields.time(), Reasons.UNREADABLE_TIME, "a time")));
        } else {
          chunk.addVector(id, own != null, v);
        }
      } catch (MalformedEmbeddingException e) {
        chunk.addBad(BadRecord.of(source, offset, id, e.reason(), e.getMessage(), new String(bytes, 0, length, StandardCharsets.UTF_8)));
      }
    }
  }

  /**
   * The text of a record's scalar field (a time or a segment): a missing or null field is
   * {@code missing_field}, an array or object is {@code notScalar}, naming what was {@code expected}.
   */
  private static String scalarText(JsonNode record, String field, String notScalar, String expected) throws MalformedEmbeddingException {
    JsonNode value = record.get(field);
    if (value == null || value.isNull()) {
      throw new MalformedEmbeddingException(Reasons.MISSING_FIELD, "no '" + field + "' field");
    }
    if (!value.isValueNode()) {
      throw new MalformedEmbeddingException(notScalar, "'" + field + "' is " + value.getNodeType() + ", not " + expected);
    }
    return value.asText();
  }

  /** Segment names become parts of DynamoDB keys, as series names do: kept to the same alphabet. */
  private static final java.util.regex.Pattern SEGMENT = java.util.regex.Pattern.compile("[A-Za-z0-9._:-]{1,128}");

  /** A record's segment; one that cannot name items quarantines the record. */
  private static String segment(String text) throws MalformedEmbeddingException {
    if (!SEGMENT.matcher(text).matches()) {
      throw new MalformedEmbeddingException(Reasons.UNUSABLE_SEGMENT, "segment '" + text
          + "' is not 1-128 characters of letters, digits and . _ : - (it names the segment's items)");
    }
    return text;
  }

  /** A record's time field read as epoch milliseconds; text of no known form quarantines the record. */
  private static long epochMillis(String text) throws MalformedEmbeddingException {
    try {
      return EventTime.epochMillis(text);
    } catch (IllegalArgumentException e) {
      throw new MalformedEmbeddingException(Reasons.UNREADABLE_TIME, e.getMessage());
    }
  }

  /** A record's own id when it has a usable one, else where it is ("source:offset"). */
  private static String idOf(JsonNode record, EmbeddingFields fields, String fallback) {
    String own = ownId(record, fields);
    return own != null ? own : fallback;
  }

  /** The record's id field when it is text or a number, else null. */
  private static String ownId(JsonNode record, EmbeddingFields fields) {
    JsonNode id = record.get(fields.id());
    return id != null && (id.isTextual() || id.isNumber()) ? id.asText() : null;
  }

  /**
   * (id, text) of the JSON Lines records under {@code dataPath} that have a text field, read as
   * {@link #read} reads their vectors: the same files, ids, line limit and UTF-8 check. A line or
   * file that cannot be read gives nothing here: the vector read has quarantined and counted it.
   */
  public static JavaRDD<Row> jsonTexts(SparkSession spark, String dataPath, EmbeddingFields fields) throws IOException {
    Configuration hadoop = spark.sparkContext().hadoopConfiguration();
    Path root = new Path(dataPath);
    List<LineSplits.Split> splits = LineSplits.plan(root, listDataFiles(root, hadoop), hadoop);
    HadoopConf conf = new HadoopConf(hadoop);
    return JavaSparkContext.fromSparkContext(spark.sparkContext()).parallelize(splits, Math.max(1, splits.size())).flatMap(split -> {
      ObjectMapper mapper = new ObjectMapper().enable(JsonParser.Feature.ALLOW_NON_NUMERIC_NUMBERS);
      List<Row> texts = new ArrayList<>();
      LineSplits.read(split, conf.get(), new LineSplits.LineVisitor() {
        @Override
        public void line(long offset, byte[] bytes, int length) {
          JsonNode record;
          try {
            record = mapper.readTree(bytes, 0, length);
          } catch (IOException unparseable) {
            return;
          }
          JsonNode text = record == null || !record.isObject() ? null : record.get(fields.text());
          if (text != null && text.isValueNode() && !text.isNull()) {
            texts.add(RowFactory.create(idOf(record, fields, split.source() + ":" + offset), text.asText()));
          }
        }

        @Override
        public void rejected(long offset, String reason, String detail, String raw) {}
      });
      return texts.iterator();
    });
  }

  /**
   * Parquet through Spark's internal rows: the vector column is first cast to array&lt;float&gt; in
   * SQL (ML vectors via vector_to_array), then copied out of the columnar data without boxing a
   * single value, which is what makes a million-row read take seconds rather than a minute.
   */
  private static JavaRDD<ParsedChunk> readParquet(SparkSession spark, List<LocatedFileStatus> files, EmbeddingFields fields) {
    String[] paths = files.stream().map(f -> f.getPath().toString()).toArray(String[]::new);
    Dataset<Row> df = spark.read().parquet(paths);
    List<String> columns = List.of(df.columns());
    if (!columns.contains(fields.embedding())) {
      throw new IllegalArgumentException("the Parquet input has no column '" + fields.embedding() + "' (columns: " + columns
          + "); name it with --embedding_field");
    }
    DataType type = df.schema().apply(fields.embedding()).dataType();
    Column vector;
    if (type instanceof VectorUDT) {
      vector = org.apache.spark.ml.functions.vector_to_array(functions.col(fields.embedding()), "float32");
    } else if (type instanceof ArrayType array && array.elementType() instanceof NumericType) {
      vector = functions.col(fields.embedding()).cast(DataTypes.createArrayType(DataTypes.FloatType));
    } else {
      throw new IllegalArgumentException("the Parquet column '" + fields.embedding() + "' is " + type.simpleString()
          + ", not an array of numbers or an ML vector");
    }
    Column idColumn = columns.contains(fields.id()) ? functions.col(fields.id()).cast(DataTypes.StringType) : functions.lit(null).cast(DataTypes.StringType);
    Dataset<Row> selected = df.select(functions.input_file_name(), idColumn, vector, fieldAsText(df, fields.time(), "--time_field"),
        fieldAsText(df, fields.segment(), "--segment_field"));
    String embeddingName = fields.embedding();
    String timeName = fields.time();
    String segmentName = fields.segment();
    return internalRows(spark, selected, files).mapPartitionsWithIndex((partition, rows) -> {
      ParsedChunk chunk = new ParsedChunk();
      long index = 0;
      while (rows.hasNext()) {
        InternalRow row = rows.next();
        String file = row.getUTF8String(0).toString();
        String source = file.substring(file.lastIndexOf('/') + 1);
        String id = row.isNullAt(1) ? source + ":" + partition + ":" + index : row.getUTF8String(1).toString();
        try {
          if (row.isNullAt(2)) {
            throw new MalformedEmbeddingException(Reasons.MISSING_FIELD, "'" + embeddingName + "' is null");
          }
          ArrayData values = row.getArray(2);
          for (int j = 0; j < values.numElements(); j++) {
            if (values.isNullAt(j)) {
              throw new MalformedEmbeddingException(Reasons.MISSING_FIELD, "value " + j + " of '" + embeddingName + "' is null");
            }
          }
          float[] v = values.toFloatArray();
          VectorChecks.requireUsable(v);
          if (segmentName != null) {
            if (row.isNullAt(4)) {
              throw new MalformedEmbeddingException(Reasons.MISSING_FIELD, "'" + segmentName + "' is null");
            }
            chunk.addVector(id, !row.isNullAt(1), v, segment(row.getUTF8String(4).toString()));
          } else if (timeName == null) {
            chunk.addVector(id, !row.isNullAt(1), v);
          } else if (row.isNullAt(3)) {
            throw new MalformedEmbeddingException(Reasons.MISSING_FIELD, "'" + timeName + "' is null");
          } else {
            chunk.addVector(id, !row.isNullAt(1), v, epochMillis(row.getUTF8String(3).toString()));
          }
        } catch (MalformedEmbeddingException e) {
          chunk.addBad(BadRecord.of(source, index, id, e.reason(), e.getMessage(), row.isNullAt(2) ? null : row.getArray(2).toString()));
        }
        index++;
      }
      return List.of(chunk.finish()).iterator();
    }, true);
  }


  /**
   * A time or segment column as text the reader parses as a JSON Lines value: a timestamp as its
   * epoch milliseconds, anything else (ISO-8601 strings, epoch numbers, names) as Spark writes it as
   * a string. Without the field, a null column keeps the rows' layout the same.
   */
  private static Column fieldAsText(Dataset<Row> df, String field, String flag) {
    if (field == null) {
      return functions.lit(null).cast(DataTypes.StringType);
    }
    if (!List.of(df.columns()).contains(field)) {
      throw new IllegalArgumentException("the Parquet input has no column '" + field + "' (columns: " + List.of(df.columns())
          + "); name it with " + flag);
    }
    DataType type = df.schema().apply(field).dataType();
    Column column = functions.col(field);
    return (type instanceof org.apache.spark.sql.types.TimestampType ? functions.unix_millis(column) : column).cast(DataTypes.StringType);
  }

  /**
   * Spark packs small Parquet files into 128 MB partitions; every later pass runs one task per
   * partition, so the input is split into at least three partitions per core to keep all cores busy.
   */
  private static JavaRDD<InternalRow> internalRows(SparkSession spark, Dataset<Row> selected, List<LocatedFileStatus> files) {
    long bytes = files.stream().mapToLong(LocatedFileStatus::getLen).sum();
    long perPartition = Math.max(4L << 20, bytes / (3L * spark.sparkContext().defaultParallelism()));
    String key = "spark.sql.files.maxPartitionBytes";
    String previous = spark.conf().get(key);
    spark.conf().set(key, Math.min(perPartition, 128L << 20));
    try {
      return selected.queryExecution().toRdd().toJavaRDD(); // partitions are planned here
    } finally {
      spark.conf().set(key, previous);
    }
  }
}
