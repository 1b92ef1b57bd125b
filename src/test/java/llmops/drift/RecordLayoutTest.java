package llmops.drift;

import static llmops.testing.SmallJobs.ok;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import llmops.testing.Synthetic;
import llmops.testing.TableContents;
import llmops.udfs.vectors.Float32Codec;
import llmops.udfs.vectors.GaussianClusters;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The same vectors give the same BASELINE however they are laid out: one file; one file with bad
 * lines between the vectors (which shifts every later "file:offset" id); several files listed in
 * another order than the records. Every sample is keyed by the vectors' contents, so the stored
 * items are the same apart from what describes the input itself ({@code input}: paths, file and
 * record counts) and the run's time.
 *
 * <p>Bad lines leave each partition's vectors and their order as they were, so those items are
 * identical to the bit. Regrouping the vectors into other partitions changes only the order in which
 * sums over all the data (PCA's moments, Lloyd's means, inertia, the squared silhouette, deequ's
 * norm statistics) add up: every choice (the samples, k-means++'s centres, the k chosen, cluster
 * sizes, iterations, the sample silhouette) is identical, and the sums agree to rounding, a relative
 * 1e-12 (double sums of a few hundred float32 values; observed differences are near 1e-16), float32
 * centres to 1e-6.
 */
class RecordLayoutTest {
  /**
   * What differs by construction: the input's description, the run's clock, and the centroids'
   * partition (a random generation per write, see RunWithCentroids): the run's {@code centroid_key}
   * and the centroid items' {@code run}.
   */
  private static final List<String> ABOUT_THE_INPUT = List.of("input", "run_ts", "type_ts", "centroid_key", "run");

  @TempDir
  static Path dir;
  static List<String> lines;

  @BeforeAll
  static void vectors() {
    float[][] rows = Synthetic.vectors(new GaussianClusters(8, 3, 3, 0.5, 11, 0, 0), 240, 5);
    lines = new ArrayList<>();
    for (float[] row : rows) {
      lines.add(Synthetic.seedLine(row));
    }
  }

  private static Path oneFile() throws Exception {
    Path data = Files.createDirectories(dir.resolve("one-file"));
    Files.write(data.resolve("vectors.txt"), lines);
    return data;
  }

  /** Records 0-79 in c.txt, 80-159 in b.txt, 160-239 in a.txt: the listing reads them last part first. */
  private static Path threeFilesInReverse() throws Exception {
    Path data = Files.createDirectories(dir.resolve("three-files"));
    String[] names = {"c.txt", "b.txt", "a.txt"};
    for (int f = 0; f < 3; f++) {
      Files.write(data.resolve(names[f]), lines.subList(80 * f, 80 * (f + 1)));
    }
    return data;
  }

  private static Path withBadLines() throws Exception {
    Path data = Files.createDirectories(dir.resolve("bad-lines"));
    List<String> mixed = new ArrayList<>();
    for (int i = 0; i < lines.size(); i++) {
      if (i % 17 == 0) {
        mixed.add("[0.5, not-a-number, 1.0]");
      }
      mixed.add(lines.get(i));
    }
    Files.write(data.resolve("vectors.txt"), mixed);
    return data;
  }

  private static Map<String, Set<Map<String, AttributeValue>>> baseline(Path data, String tables) throws Exception {
    ok("drift", "--job_type", "BASELINE", "--series", "layout", "--data_path", data.toString(), "--k", "auto", "--k_range", "2-4",
        "--silhouette_sample", "100", "--kmeans_init_sample", "150", "--run_id", "layout-1",
        "--out_table", tables + "-runs", "--centroid_table", tables + "-centroids");
    Map<String, Set<Map<String, AttributeValue>>> items = TableContents.of(tables + "-runs", tables + "-centroids");
    Map<String, Set<Map<String, AttributeValue>>> kept = new HashMap<>();
    items.forEach((table, set) -> kept.put(table.substring(tables.length()), set.stream().map(item -> {
      Map<String, AttributeValue> rest = new HashMap<>(item);
      ABOUT_THE_INPUT.forEach(rest::remove);
      return rest;
    }).collect(Collectors.toSet())));
    return kept;
  }

  @Test
  void theSameVectorsGiveTheSameItemsWhateverTheFilesTheirOrderAndBadLines() throws Exception {
    Map<String, Set<Map<String, AttributeValue>>> reference = baseline(oneFile(), "layout-one");
    Map<String, Set<Map<String, AttributeValue>>> bad = baseline(withBadLines(), "layout-bad");
    assertEquals(reference, bad);
    Map<String, Set<Map<String, AttributeValue>>> regrouped = baseline(threeFilesInReverse(), "layout-three");
    assertSame(only(reference.get("-runs")), only(regrouped.get("-runs")), "run");
    for (int c = 0; c < 3; c++) {
      assertSame(centroid(reference, c), centroid(regrouped, c), "centroid " + c);
    }
  }

  private static Map<String, AttributeValue> only(Set<Map<String, AttributeValue>> items) {
    assertEquals(1, items.size());
    return items.iterator().next();
  }

  private static Map<String, AttributeValue> centroid(Map<String, Set<Map<String, AttributeValue>>> items, int c) {
    return only(items.get("-centroids").stream().filter(i -> i.get("centroid").n().equals(Integer.toString(c))).collect(Collectors.toSet()));
  }

  /**
   * Equal, numbers to a relative 1e-12 and float32 vectors to 1e-6 (see the class comment). The
   * run's {@code centroid_digest} hashes the centroid items' bits, so it is left to them.
   */
  private static void assertSame(Map<String, AttributeValue> expected, Map<String, AttributeValue> actual, String where) {
    Map<String, AttributeValue> e = new HashMap<>(expected);
    Map<String, AttributeValue> a = new HashMap<>(actual);
    e.remove("centroid_digest");
    a.remove("centroid_digest");
    assertSame(AttributeValue.fromM(e), AttributeValue.fromM(a), where);
  }

  private static void assertSame(AttributeValue expected, AttributeValue actual, String where) {
    if (expected.n() != null) {
      double e = Double.parseDouble(expected.n());
      assertEquals(e, Double.parseDouble(actual.n()), 1e-12 * Math.abs(e), where);
    } else if (expected.b() != null) {
      double[] e = Float32Codec.decode(expected.b().asByteArray());
      double[] a = Float32Codec.decode(actual.b().asByteArray());
      assertEquals(e.length, a.length, where);
      for (int j = 0; j < e.length; j++) {
        assertEquals(e[j], a[j], 1e-6 * Math.abs(e[j]), where + "[" + j + "]");
      }
    } else if (expected.hasM()) {
      assertEquals(expected.m().keySet(), actual.m().keySet(), where);
      expected.m().forEach((key, value) -> assertSame(value, actual.m().get(key), where + "." + key));
    } else if (expected.hasL()) {
      assertEquals(expected.l().size(), actual.l().size(), where);
      for (int i = 0; i < expected.l().size(); i++) {
        assertSame(expected.l().get(i), actual.l().get(i), where + "[" + i + "]");
      }
    } else {
      assertEquals(expected, actual, where);
    }
  }
}
