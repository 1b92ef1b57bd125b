package llmops.udfs.knn;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.InputStream;
import java.util.List;
import llmops.udfs.clustering.Centroids;
import llmops.udfs.distance.CentroidDistances.Metric;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Both searches and the leave-one-out distances against scikit-learn's NearestNeighbors on the
 * vectors and answers {@code scripts/reference/sklearn_knn.py} wrote (k = 5; duplicates, a zero
 * vector, a 3-point cluster). Tolerance 1e-9: scikit-learn's KD-tree and cosine distances are
 * computed directly in double, as ours are.
 */
class KnnSklearnTest {
  private static JsonNode expected;
  private static int k;
  private static int dim;
  private static float[] reference;
  private static float[] queries;
  private static KnnReference brute;
  private static ClusterIndex index;

  @BeforeAll
  static void load() throws Exception {
    try (InputStream in = KnnSklearnTest.class.getResourceAsStream("/knn/sklearn_knn.json")) {
      expected = new ObjectMapper().readTree(in);
    }
    k = expected.get("k").asInt();
    dim = expected.get("dim").asInt();
    reference = floats(expected.get("reference"));
    queries = floats(expected.get("queries"));
    brute = KnnReference.ofArrays(dim, List.of(reference));
    // Three centres: the first rows of the three generated clusters (rows 0, 120 and 200).
    double[] centres = new double[3 * dim];
    int[] firstRows = {0, 120, 200};
    for (int c = 0; c < 3; c++) {
      for (int j = 0; j < dim; j++) {
        centres[c * dim + j] = reference[firstRows[c] * dim + j];
      }
    }
    index = ClusterIndex.build(brute, new Centroids(3, dim, centres));
  }

  private static float[] floats(JsonNode rows) {
    float[] out = new float[rows.size() * rows.get(0).size()];
    int i = 0;
    for (JsonNode row : rows) {
      for (JsonNode v : row) {
        out[i++] = (float) v.asDouble();
      }
    }
    return out;
  }

  private static void assertMatches(JsonNode rows, int row, double actual, String what) {
    assertEquals(rows.get(row).get(k - 1).asDouble(), actual, 1e-9, what + ", row " + row);
  }

  @Test
  void everyDistanceOfBothSearchesEqualsScikitLearns() {
    int nq = queries.length / dim;
    for (Metric metric : Metric.values()) {
      JsonNode rows = expected.get(metric.name().toLowerCase()).get("distances");
      for (NearestNeighbours search : List.<NearestNeighbours>of(brute, index)) {
        Neighbours found = search.search(queries, nq, k, metric);
        for (int q = 0; q < nq; q++) {
          for (int i = 0; i < k; i++) {
            assertEquals(rows.get(q).get(i).asDouble(), found.distance(q, i), 1e-9,
                search.getClass().getSimpleName() + ", " + metric + ", query " + q + ", neighbour " + i);
          }
        }
      }
    }
  }

  @Test
  void leaveOneOutKthDistancesEqualScikitLearnsKneighborsWithoutQueries() {
    int n = reference.length / dim;
    for (Metric metric : Metric.values()) {
      JsonNode rows = expected.get(metric.name().toLowerCase()).get("leave_one_out");
      double[] kth = LeaveOneOut.kthDistances(index, reference, n, k, metric);
      for (int r = 0; r < n; r++) {
        assertMatches(rows, r, kth[r], metric.toString());
      }
    }
  }
}
