package llmops.sample;

import java.io.BufferedOutputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import llmops.io.HadoopConf;
import llmops.io.Locations;
import llmops.io.Summary;
import llmops.job.JobRun;
import llmops.job.SparkJob;
import llmops.udfs.vectors.EmbeddingText;
import llmops.udfs.vectors.GaussianClusters;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.io.compress.GzipCodec;
import org.apache.hadoop.util.ReflectionUtils;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code sample-data}: writes synthetic clustered embeddings (optionally drifted) in any input format. */
@Command(name = "sample-data", mixinStandardHelpOptions = true,
    description = "Write synthetic Gaussian-cluster embeddings, for the demo, tests and benchmarks.")
public final class SampleDataCommand extends SparkJob {
  @Option(names = "--output_path", required = true, description = "Directory to write (replaced if it exists)")
  String outputPath;
  @Option(names = "--n", defaultValue = "2000", description = "Vectors (default: ${DEFAULT-VALUE})")
  long n;
  @Option(names = "--dim", defaultValue = "384", description = "Dimension (default: ${DEFAULT-VALUE})")
  int dim;
  @Option(names = "--clusters", defaultValue = "8", description = "Clusters (default: ${DEFAULT-VALUE})")
  int clusters;
  @Option(names = "--separation", defaultValue = "1.0", description = "Std-dev of the cluster centres' coordinates (default: ${DEFAULT-VALUE})")
  double separation;
  @Option(names = "--noise", defaultValue = "0.5", description = "Std-dev of points around their centre (default: ${DEFAULT-VALUE})")
  double noise;
  @Option(names = "--seed", defaultValue = "7", description = "Seed of the centres; same seed, same clusters (default: ${DEFAULT-VALUE})")
  long seed;
  @Option(names = "--row_seed", defaultValue = "1", description = "Seed of the points: another value draws another sample (default: ${DEFAULT-VALUE})")
  long rowSeed;
  @Option(names = "--new_cluster_share", defaultValue = "0", description = "Share of points from a cluster the baseline lacks (drift)")
  double newClusterShare;
  @Option(names = "--shift", defaultValue = "0", description = "Added to every coordinate (drift)")
  double shift;
  @Option(names = "--cluster_weights", split = ",", description = "Relative frequency of each cluster, e.g. 3,1,1 (default: equal)")
  double[] clusterWeights;
  @Option(names = "--format", defaultValue = "seed",
      description = "seed (the AWS sample's text lines), seed-gz, jsonl, parquet, or npy (one NumPy file, for reference checks in Python)")
  String format;
  @Option(names = "--files", defaultValue = "4", description = "Files to write (default: ${DEFAULT-VALUE})")
  int files;

  @Override
  protected String name() {
    return "sample-data";
  }

  @Override
  protected boolean usesDynamo() {
    return false;
  }

  /** Checked before anything is written: the output folder is deleted first. */
  @Override
  protected void checkFlags() {
    if (!List.of("seed", "seed-gz", "jsonl", "parquet", "npy").contains(format)) {
      throw new IllegalArgumentException("--format must be seed, seed-gz, jsonl, parquet or npy (got '" + format + "')");
    }
    // The .npy file is written with java.nio, which would take s3://b/x for a local folder named "s3:".
    if (format.equals("npy") && new Path(outputPath).toUri().getScheme() != null) {
      throw new IllegalArgumentException("--output_path must be a local path without a scheme: --format npy writes one local file (got '"
          + outputPath + "')");
    }
  }

  @Override
  protected Locations locations() {
    return new Locations().output("--output_path", outputPath);
  }

  @Override
  protected int run(JobRun job) throws Exception {
    GaussianClusters model = new GaussianClusters(dim, clusters, separation, noise, seed, newClusterShare, shift, clusterWeights);
    SparkSession spark = job.spark();
    List<Integer> parts = new ArrayList<>();
    for (int i = 0; i < files; i++) {
      parts.add(i);
    }
    long total = n;
    int fileCount = files;
    long rows = rowSeed;
    String target = outputPath;
    if (format.equals("npy")) {
      writeNpy(model, parts);
    } else if (format.equals("parquet")) {
      var rdd = JavaSparkContext.fromSparkContext(spark.sparkContext()).parallelize(parts, files).flatMap(part -> {
        List<Row> out = new ArrayList<>();
        Random random = new Random(rows * 1_000_003L + part);
        float[] v = new float[model.dim()];
        for (long i = part; i < total; i += fileCount) {
          model.next(random, v);
          Float[] boxed = new Float[v.length];
          for (int j = 0; j < v.length; j++) {
            boxed[j] = v[j];
          }
          out.add(RowFactory.create("v" + i, boxed));
        }
        return out.iterator();
      });
      spark.createDataFrame(rdd, DataTypes.createStructType(List.of(
          DataTypes.createStructField("id", DataTypes.StringType, false),
          DataTypes.createStructField("embedding", DataTypes.createArrayType(DataTypes.FloatType, false), false))))
          .write().mode(SaveMode.Overwrite).parquet(outputPath);
    } else {
      Path root = new Path(outputPath);
      FileSystem fs = root.getFileSystem(spark.sparkContext().hadoopConfiguration());
      fs.delete(root, true);
      String kind = format;
      // The driver's configuration, not a fresh one: a task on another JVM would lose the S3A endpoint,
      // credentials and the s3:// scheme's mapping, which only the driver's session sets.
      HadoopConf hadoop = new HadoopConf(spark.sparkContext().hadoopConfiguration());
      JavaSparkContext.fromSparkContext(spark.sparkContext()).parallelize(parts, files).foreach(part -> {
        Configuration conf = hadoop.get();
        boolean gzip = kind.equals("seed-gz");
        Path file = new Path(target, String.format("part-%05d%s", part, kind.equals("jsonl") ? ".jsonl" : gzip ? ".gz" : ".txt"));
        FileSystem out = file.getFileSystem(conf);
        Random random = new Random(rows * 1_000_003L + part);
        float[] v = new float[model.dim()];
        try (OutputStream raw = out.create(file, true);
             OutputStream stream = new BufferedOutputStream(gzip
                 ? ReflectionUtils.newInstance(GzipCodec.class, conf).createOutputStream(raw) : raw, 1 << 16)) {
          StringBuilder line = new StringBuilder();
          for (long i = part; i < total; i += fileCount) {
            int cluster = model.next(random, v);
            line.setLength(0);
            if (kind.equals("jsonl")) {
              line.append("{\"id\": \"v").append(i).append("\", \"text\": \"synthetic prompt v").append(i)
                  .append(" about ").append(model.isNewCluster(cluster) ? "the new topic" : "topic " + cluster).append("\", \"embedding\": ");
            }
            line.append(EmbeddingText.format(v)).append(kind.equals("jsonl") ? "}" : "").append('\n');
            stream.write(line.toString().getBytes(StandardCharsets.UTF_8));
          }
        }
      });
    }
    Summary.print(java.util.Map.of("job", "sample-data", "status", "ok", "output_path", outputPath, "vectors", n, "dim", dim, "format", format));
    return 0;
  }

  /** The same vectors, in the same order as the files part by part, as one float32 .npy matrix. */
  private void writeNpy(GaussianClusters model, List<Integer> parts) throws java.io.IOException {
    String header = "{'descr': '<f4', 'fortran_order': False, 'shape': (" + n + ", " + dim + "), }";
    int unpadded = 10 + header.length() + 1;
    header = header + " ".repeat((64 - unpadded % 64) % 64) + "\n";
    java.nio.file.Path file = java.nio.file.Path.of(outputPath);
    java.nio.file.Files.createDirectories(file.toAbsolutePath().getParent());
    try (OutputStream out = new BufferedOutputStream(java.nio.file.Files.newOutputStream(file), 1 << 20)) {
      out.write(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0});
      out.write(header.length() & 0xff);
      out.write(header.length() >> 8);
      out.write(header.getBytes(StandardCharsets.US_ASCII));
      java.nio.ByteBuffer row = java.nio.ByteBuffer.allocate(dim * 4).order(java.nio.ByteOrder.LITTLE_ENDIAN);
      float[] v = new float[dim];
      for (int part : parts) {
        Random random = new Random(rowSeed * 1_000_003L + part);
        for (long i = part; i < n; i += files) {
          model.next(random, v);
          row.clear();
          row.asFloatBuffer().put(v);
          out.write(row.array());
        }
      }
    }
  }
}
