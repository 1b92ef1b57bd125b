package llmops.drift;

import static llmops.testing.SmallJobs.ok;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Deequ's checks on the valid vectors, as the drift run's summary reports them. */
class DataQualityTest {
  @TempDir
  Path dir;

  /** 12 vectors [3 + i % 3, 4, 0]: norms from 5 up; ids r0..r8, then r0, r1, r2 again. */
  private JsonNode baseline(boolean repeatIds) throws Exception {
    List<String> lines = new ArrayList<>();
    for (int i = 0; i < 12; i++) {
      String id = "r" + (repeatIds ? i % 9 : i);
      lines.add("{\"id\": \"" + id + "\", \"embedding\": [" + (3 + i % 3) + ", 4, " + (i % 2) + "]}");
    }
    Path data = Files.createDirectories(dir.resolve(repeatIds ? "repeated" : "unique"));
    Files.write(data.resolve("vectors.jsonl"), lines);
    return ok("drift", "--job_type", "BASELINE", "--series", "quality", "--data_path", data.toString(), "--k", "2",
        "--run_id", repeatIds ? "dq-repeated" : "dq-unique", "--out_table", "dq-runs", "--centroid_table", "dq-centroids")
        .summary().get("data_quality");
  }

  private static String statusOf(JsonNode quality, String constraint) {
    for (JsonNode check : quality.get("checks")) {
      if (check.get("constraint").asText().startsWith(constraint)) {
        return check.get("status").asText();
      }
    }
    throw new AssertionError("no " + constraint + " in " + quality);
  }

  @Test
  void repeatedIdsAreCountedAndFailTheUniquenessCheckAsAWarning() throws Exception {
    JsonNode quality = baseline(true);
    assertEquals(3, quality.get("duplicate_ids").asLong(), quality.toString());
    assertEquals("Failure", statusOf(quality, "UniquenessConstraint"), quality.toString());
    assertEquals("Warning", quality.get("status").asText());
    assertEquals(9.0, quality.at("/metrics/CountDistinct(id)").asDouble());
  }

  @Test
  void uniqueIdsPassAndTheNormsAreReported() throws Exception {
    JsonNode quality = baseline(false);
    assertEquals(0, quality.get("duplicate_ids").asLong());
    assertEquals("Success", statusOf(quality, "UniquenessConstraint"), quality.toString());
    assertEquals("Success", quality.get("status").asText());
    assertEquals(5.0, quality.at("/metrics/Minimum(l2_norm)").asDouble(), 1e-12);
    assertEquals(Math.sqrt(25 + 16 + 1), quality.at("/metrics/Maximum(l2_norm)").asDouble(), 1e-12);
  }
}
