package llmops.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import llmops.udfs.clustering.Centroids;
import llmops.udfs.distance.CentroidDistances.Metric;
import llmops.udfs.knn.ClusterIndex;
import llmops.udfs.knn.KnnReference;
import llmops.udfs.knn.Neighbours;

/**
 * The kNN benchmark's Java side, on one thread: our brute force and the cluster index over the same
 * float32 reference, queries and centroids (.npy files scripts/bench-knn wrote), Euclidean. Prints one
 * JSON line per search (seconds, pairs compared) and the largest difference between the index's and
 * the brute force's distances; writes the brute force's distances (queries x k, float64, little-endian)
 * for the peers' comparison.
 *   KnnBench REFERENCE.npy QUERIES.npy CENTROIDS.npy K OUT.f64
 */
public final class KnnBench {
  private KnnBench() {}

  public static void main(String[] args) throws IOException {
    Matrix queries = Matrix.read(Path.of(args[1]));
    Matrix centres = Matrix.read(Path.of(args[2]));
    int k = Integer.parseInt(args[3]);
    int dim = queries.cols();
    KnnReference brute = KnnReference.ofArrays(dim, blocks(Matrix.read(Path.of(args[0]))));
    double[] centreValues = new double[centres.values().length];
    for (int i = 0; i < centreValues.length; i++) {
      centreValues[i] = centres.values()[i];
    }
    long buildStart = System.nanoTime();
    ClusterIndex index = ClusterIndex.build(brute, new Centroids(centres.rows(), dim, centreValues));
    double buildSeconds = (System.nanoTime() - buildStart) / 1e9;

    // A short warm-up of each path, so the JIT has compiled the scan loops before the clock starts.
    int warm = Math.min(queries.rows(), 64);
    brute.search(queries.values(), warm, k, Metric.EUCLIDEAN);
    index.search(queries.values(), warm, k, Metric.EUCLIDEAN);

    ObjectMapper json = new ObjectMapper();
    long start = System.nanoTime();
    Neighbours exact = brute.search(queries.values(), queries.rows(), k, Metric.EUCLIDEAN);
    double bruteSeconds = (System.nanoTime() - start) / 1e9;
    start = System.nanoTime();
    Neighbours pruned = index.search(queries.values(), queries.rows(), k, Metric.EUCLIDEAN);
    double indexSeconds = (System.nanoTime() - start) / 1e9;

    double largest = 0;
    for (int i = 0; i < exact.distances().length; i++) {
      largest = Math.max(largest, Math.abs(exact.distances()[i] - pruned.distances()[i]));
    }
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("brute_seconds", bruteSeconds);
    out.put("brute_comparisons", exact.comparisons());
    out.put("index_seconds", indexSeconds);
    out.put("index_comparisons", pruned.comparisons());
    out.put("index_build_seconds", buildSeconds);
    out.put("index_clusters", index.clusters());
    out.put("index_vs_brute_max_abs_difference", largest);
    System.out.println(json.writeValueAsString(out));

    ByteBuffer bytes = ByteBuffer.allocate(exact.distances().length * 8).order(ByteOrder.LITTLE_ENDIAN);
    bytes.asDoubleBuffer().put(exact.distances());
    Files.write(Path.of(args[4]), bytes.array());
  }

  /** The reference in blocks of about 4 MB, as the job's VectorBlocks hold it (the whole matrix is dropped after). */
  private static List<float[]> blocks(Matrix reference) {
    int dim = reference.cols();
    int rowsPerBlock = (1 << 20) / dim;
    List<float[]> blocks = new ArrayList<>();
    for (int from = 0; from < reference.rows(); from += rowsPerBlock) {
      int to = Math.min(reference.rows(), from + rowsPerBlock);
      float[] block = new float[(to - from) * dim];
      System.arraycopy(reference.values(), from * dim, block, 0, block.length);
      blocks.add(block);
    }
    return blocks;
  }

  /** A 2-D little-endian float32 C-order .npy file (what numpy.save writes for such an array). */
  record Matrix(int rows, int cols, float[] values) {
    private static final Pattern SHAPE = Pattern.compile("'shape':\\s*\\((\\d+),\\s*(\\d+)\\)");

    static Matrix read(Path path) throws IOException {
      try (FileChannel channel = FileChannel.open(path, StandardOpenOption.READ)) {
        ByteBuffer preamble = ByteBuffer.allocate(10).order(ByteOrder.LITTLE_ENDIAN);
        channel.read(preamble, 0);
        int headerLength = preamble.getShort(8) & 0xffff;
        ByteBuffer header = ByteBuffer.allocate(headerLength);
        channel.read(header, 10);
        String text = new String(header.array(), StandardCharsets.ISO_8859_1);
        Matcher shape = SHAPE.matcher(text);
        if (!text.contains("'descr': '<f4'") || !text.contains("'fortran_order': False") || !shape.find()) {
          throw new IOException(path + ": not a 2-D little-endian float32 C-order array: " + text.strip());
        }
        int rows = Integer.parseInt(shape.group(1));
        int cols = Integer.parseInt(shape.group(2));
        float[] values = new float[rows * cols];
        long position = 10 + headerLength;
        ByteBuffer chunk = ByteBuffer.allocate(1 << 24).order(ByteOrder.LITTLE_ENDIAN);
        int filled = 0;
        while (filled < values.length) {
          chunk.clear();
          chunk.limit(Math.min(chunk.capacity(), (values.length - filled) * 4));
          int read = channel.read(chunk, position);
          if (read <= 0) {
            throw new IOException(path + ": ends after " + filled + " of " + values.length + " values");
          }
          position += read;
          chunk.flip();
          int whole = chunk.remaining() / 4;
          chunk.asFloatBuffer().get(values, filled, whole);
          filled += whole;
          position -= chunk.remaining() - whole * 4;
        }
        return new Matrix(rows, cols, values);
      }
    }
  }
}
