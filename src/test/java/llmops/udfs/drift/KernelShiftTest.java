package llmops.udfs.drift;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;
import java.util.stream.StreamSupport;
import llmops.testing.FidelityVectors;
import org.junit.jupiter.api.Test;

class KernelShiftTest {

  @Test
  void theSquaredMmdAndItsBandwidthAreNumpysOnScipysDistances() throws Exception {
    for (JsonNode c : cases()) {
      Rows x = Rows.of(c.get("x"));
      Rows y = Rows.of(c.get("y"));
      KernelShift kernel = KernelShift.ofMedianHeuristic(x.values, x.n, x.dim);
      assertEquals(c.get("scale").asDouble(), kernel.scale(), 1e-12 * c.get("scale").asDouble());
      assertEquals(c.get("mmd2").asDouble(), kernel.mmd(x.values, x.n, y.values, y.n, x.dim), 1e-9, x.n + " against " + y.n);
    }
  }

  @Test
  void aSplitOfTheGramIsTheSameAsMeasuringItsTwoSidesDirectly() throws Exception {
    JsonNode c = cases().get(1);
    Rows x = Rows.of(c.get("x"));
    Rows y = Rows.of(c.get("y"));
    double[] pooled = Arrays.copyOf(x.values, x.values.length + y.values.length);
    System.arraycopy(y.values, 0, pooled, x.values.length, y.values.length);
    KernelShift kernel = KernelShift.ofMedianHeuristic(x.values, x.n, x.dim);
    int[] ySide = IntStream.range(x.n, x.n + y.n).toArray();
    // Float storage of the kernel's values: agreement to about 1e-7 of their sums.
    assertEquals(kernel.mmd(x.values, x.n, y.values, y.n, x.dim), kernel.gram(pooled, x.n + y.n, x.dim).mmdAgainstRest(ySide), 1e-6);
  }

  private static List<JsonNode> cases() throws Exception {
    return FidelityVectors.jsonLines("stats.jsonl").stream().filter(c -> c.get("kind").asText().equals("mmd")).toList();
  }

  private record Rows(double[] values, int n, int dim) {
    static Rows of(JsonNode matrix) {
      int dim = matrix.get(0).size();
      double[] values = StreamSupport.stream(matrix.spliterator(), false)
          .flatMapToDouble(row -> StreamSupport.stream(row.spliterator(), false).mapToDouble(JsonNode::asDouble)).toArray();
      return new Rows(values, matrix.size(), dim);
    }
  }
}
