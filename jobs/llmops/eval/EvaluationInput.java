package llmops.eval;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import llmops.io.EmbeddingInput;
import llmops.io.HadoopConf;
import llmops.io.LineSplits;
import llmops.udfs.vectors.Reasons;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.LocatedFileStatus;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.io.compress.CompressionCodecFactory;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.apache.spark.util.LongAccumulator;

/**
 * An evaluation dataset, JSON Lines (plain or gzip) or Parquet, local or on S3, read recursively:
 * one row per record and model ({@link RecordFields#SCHEMA}). A record's id is the dataset's own
 * (dataset.record_id_key) or where it is: "file@byte offset" for JSON Lines, "file#partition:row"
 * for Parquet. Unreadable files and bad records become rows with an error, never disappear.
 */
final class EvaluationInput {
  /** {@code parts}: how many partitions the rows come in, so the job spreads them only when there are too few. */
  record Read(Dataset<Row> rows, String format, int files, LongAccumulator blankLines, int parts) {}

  /**
   * Plain files are cut into pieces of at least this many bytes so that every core reads a share
   * without a shuffle; smaller ones are read whole (a piece costs a task's start-up, ~ms).
   */
  static final long MIN_PIECE_BYTES = 1L << 20;

  private EvaluationInput() {}

  static Read read(SparkSession spark, String path, EvaluationConfig config, List<EvaluationConfig.Model> models) throws IOException {
    Configuration hadoop = spark.sparkContext().hadoopConfiguration();
    Path root = new Path(path);
    List<LocatedFileStatus> files = EmbeddingInput.listDataFiles(root, hadoop);
    if (files.isEmpty()) {
      throw new IllegalArgumentException("no dataset files under " + path + " (hidden files starting with _ or . are skipped)");
    }
    boolean parquet = switch (config.dataset().mimeType()) {
      case "parquet" -> true;
      case "auto" -> files.get(0).getPath().getName().toLowerCase(Locale.ROOT).endsWith(".parquet");
      default -> false;
    };
    LongAccumulator blank = spark.sparkContext().longAccumulator("blank_lines");
    JavaRDD<Row> rows = parquet ? parquet(spark, files, config, models) : jsonLines(spark, root, files, hadoop, config, models, blank);
    return new Read(spark.createDataFrame(rows, RecordFields.SCHEMA), parquet ? "parquet" : "jsonlines", files.size(), blank,
        rows.getNumPartitions());
  }

  private static JavaRDD<Row> jsonLines(SparkSession spark, Path root, List<LocatedFileStatus> files, Configuration hadoop,
      EvaluationConfig config, List<EvaluationConfig.Model> models, LongAccumulator blank) {
    HadoopConf conf = new HadoopConf(hadoop);
    List<LineSplits.Split> splits = pieces(LineSplits.plan(root, files, hadoop), hadoop, 2L * spark.sparkContext().defaultParallelism());
    return JavaSparkContext.fromSparkContext(spark.sparkContext()).parallelize(splits, Math.max(1, splits.size()))
        .flatMap(split -> {
          RecordFields fields = new RecordFields(config, models);
          List<Row> out = new ArrayList<>();
          LineSplits.Failure failure = LineSplits.read(split, conf.get(), new LineSplits.LineVisitor() {
            @Override
            public void line(long offset, byte[] bytes, int length) {
              if (LineSplits.isBlank(bytes, length)) {
                blank.add(1);
              } else {
                out.addAll(fields.rows(bytes, length, split.source(), split.source() + "@" + offset));
              }
            }

            @Override
            public void rejected(long offset, String reason, String detail, String raw) {
              out.addAll(fields.failed(split.source() + "@" + offset, split.source(), reason, detail, raw));
            }
          });
          if (failure != null) {
            for (EvaluationConfig.Model model : models) {
              out.add(RowFactory.create(split.source() + "@" + failure.offset(), split.source(), model.name(), null, null, null, null,
                  Reasons.CORRUPT_FILE, failure.detail(), null));
            }
          }
          return out.iterator();
        });
  }

  /**
   * The splits, with those of uncompressed files cut further so that there are about {@code wanted}
   * pieces of at least {@link #MIN_PIECE_BYTES}: LineSplits reads a piece that starts inside a file
   * from its first whole line and finishes its last one, so the lines and their offsets are those of
   * a whole read. Compressed files stay whole (gzip cannot be split).
   */
  static List<LineSplits.Split> pieces(List<LineSplits.Split> splits, Configuration hadoop, long wanted) {
    CompressionCodecFactory codecs = new CompressionCodecFactory(hadoop);
    long plain = splits.stream().filter(s -> codecs.getCodec(new Path(s.path())) == null).mapToLong(LineSplits.Split::length).sum();
    long piece = Math.max(MIN_PIECE_BYTES, (plain + wanted - 1) / Math.max(1, wanted));
    List<LineSplits.Split> out = new ArrayList<>();
    for (LineSplits.Split split : splits) {
      if (codecs.getCodec(new Path(split.path())) != null || split.length() <= piece) {
        out.add(split);
        continue;
      }
      long end = split.start() + split.length();
      for (long start = split.start(); start < end; start += piece) {
        out.add(new LineSplits.Split(split.path(), split.source(), start, Math.min(piece, end - start)));
      }
    }
    return out;
  }

  private static JavaRDD<Row> parquet(SparkSession spark, List<LocatedFileStatus> files, EvaluationConfig config, List<EvaluationConfig.Model> models) {
    Dataset<Row> df = spark.read().parquet(files.stream().map(f -> f.getPath().toString()).toArray(String[]::new));
    Dataset<Row> json = df.select(functions.input_file_name().as("file"), functions.to_json(functions.struct(functions.col("*"))).as("json"));
    return json.javaRDD().mapPartitionsWithIndex((partition, it) -> {
      RecordFields fields = new RecordFields(config, models);
      List<Row> out = new ArrayList<>();
      long index = 0;
      while (it.hasNext()) {
        Row row = it.next();
        String file = row.getString(0);
        String source = file.substring(file.lastIndexOf('/') + 1);
        out.addAll(fields.rows(row.getString(1), source, source + "#" + partition + ":" + index++));
      }
      return out.iterator();
    }, true);
  }
}
