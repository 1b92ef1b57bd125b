package llmops.drift;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.StringJoiner;
import llmops.io.EmbeddingFields;
import llmops.io.EmbeddingInput;
import llmops.io.InputFormat;
import llmops.io.Timings;
import llmops.io.ValidatedEmbeddings;
import llmops.testing.Cli;
import llmops.testing.SparkTest;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The analysis against scikit-learn 1.2 (Debian's python3-sklearn, run by
 * scripts/reference/sklearn_drift.py in float64) on the same 3,000 vectors of 5 overlapping clusters
 * in 32 dimensions. Tolerances: 1e-9 where both compute the same sums in double precision (the
 * variance curve, silhouettes, inertia from the same centres); 0.1 % where the algorithms differ
 * (k-means++ draws differently, so the two inertias are two local optima).
 */
class SklearnFidelityTest {
  private static final int N = 3000;
  @TempDir
  static Path dir;
  static DriftResult ours;
  static Path npy;

  @BeforeAll
  static void analyse() throws Exception {
    boolean ci = System.getenv("CI") != null;
    boolean available = new ProcessBuilder("/usr/bin/python3", "-c", "import sklearn").start().waitFor() == 0;
    if (ci && !available) {
      throw new IllegalStateException("CI must have scikit-learn for the fidelity test: apt-get install python3-sklearn");
    }
    Assumptions.assumeTrue(available, "scikit-learn not installed (apt-get install python3-sklearn)");
    String[] data = {"--n", Integer.toString(N), "--dim", "32", "--clusters", "5", "--separation", "0.8", "--noise", "0.6", "--seed", "3"};
    Path text = dir.resolve("text");
    npy = dir.resolve("x.npy");
    assertEquals(0, Cli.run(concat(new String[] {"sample-data", "--output_path", text.toString()}, data)).exitCode());
    assertEquals(0, Cli.run(concat(new String[] {"sample-data", "--output_path", npy.toString(), "--format", "npy"}, data)).exitCode());
    ValidatedEmbeddings input = ValidatedEmbeddings.of(
        EmbeddingInput.read(SparkTest.spark(), text.toString(), InputFormat.SEED, EmbeddingFields.defaults()), null);
    ours = new DriftAnalysis(input.blocks(), input.valid(), input.dim(),
        new DriftSettings(5, 2, 8, 0.95, 42, N, 20_000, 300), new Timings()).run();
  }

  private static JsonNode sklearn(String... args) throws Exception {
    List<String> command = new ArrayList<>(List.of("/usr/bin/python3", "scripts/reference/sklearn_drift.py", npy.toString(),
        "--k", "5", "--silhouette_sample", Integer.toString(N), "--float64"));
    command.addAll(List.of(args));
    Process p = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
    String out = new String(p.getInputStream().readAllBytes());
    assertEquals(0, p.waitFor(), out);
    return new ObjectMapper().readTree(out);
  }

  private static String[] concat(String[] a, String[] b) {
    String[] out = java.util.Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }

  @Test
  void fromTheSameCentresScikitLearnAgreesOnEveryNumber() throws Exception {
    Path init = dir.resolve("init.txt");
    StringBuilder lines = new StringBuilder();
    for (int c = 0; c < 5; c++) {
      StringJoiner row = new StringJoiner(",");
      for (double v : ours.centroids().centre(c)) {
        row.add(Double.toString(v));
      }
      lines.append(row).append('\n');
    }
    Files.writeString(init, lines);
    JsonNode ref = sklearn("--init", init.toString(), "--squared");

    assertEquals(ref.get("components").asInt(), ours.componentsForVariance());
    double[] curve = ours.variance().cumulative();
    for (int i = 0; i < ref.get("cumulative_variance").size(); i++) {
      assertEquals(ref.get("cumulative_variance").get(i).asDouble(), curve[i], 1e-9, "component " + i);
    }
    assertEquals(ref.get("inertia").asDouble(), ours.clusters().inertia(), 1e-9 * ours.clusters().inertia());
    long[] sizes = ours.clusters().counts();
    java.util.Arrays.sort(sizes);
    long[] refSizes = new long[5];
    for (int i = 0; i < 5; i++) {
      refSizes[i] = ref.get("cluster_sizes").get(i).asLong();
    }
    assertArrayEquals(refSizes, sizes);
    assertEquals(ref.get("silhouette_euclidean").asDouble(), ours.silhouetteEuclidean(), 1e-9);
    assertEquals(ref.get("silhouette_squared_euclidean").asDouble(), ours.silhouetteSquaredEuclidean(), 1e-9);
  }

  @Test
  void ourKMeansFindsAsGoodAClusteringAsScikitLearnsKMeansPlusPlus() throws Exception {
    JsonNode ref = sklearn();
    assertTrue(ours.clusters().inertia() <= ref.get("inertia").asDouble() * 1.001,
        "ours " + ours.clusters().inertia() + " vs scikit-learn " + ref.get("inertia").asDouble());
  }
}
