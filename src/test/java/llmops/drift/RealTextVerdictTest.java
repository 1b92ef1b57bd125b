package llmops.drift;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import llmops.testing.Cli;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The verdict on real sentence embeddings, which cluster far less cleanly than Gaussian blobs
 * (silhouette about 0.15): the demo corpus (scripts/demo-corpus, 800 support questions a set)
 * embedded with all-MiniLM-L6-v2. Another draw of the same mix must not be drift; the snapshot
 * whose mix shifted and whose 15 % are about a topic the reference lacks must be, under the fixed
 * rules and the calibrated level alike.
 */
class RealTextVerdictTest {
  private static final Path CORPUS = Path.of("scripts/demo-corpus");
  @TempDir
  static Path dir;

  @BeforeAll
  static void baseline() throws Exception {
    for (String set : new String[] {"reference", "resample", "snapshot"}) {
      assertEquals(0, Cli.run("embed", "--input_path", CORPUS.resolve(set + ".jsonl").toString(),
          "--output_path", dir.resolve(set).toString()).exitCode());
    }
    assertEquals(0, drift("BASELINE", "reference", "1000").exitCode());
  }

  private static Cli.Result drift(String type, String set, String runId, String... extra) throws Exception {
    List<String> args = new ArrayList<>(List.of("drift", "--job_type", type, "--series", "support", "--data_path",
        dir.resolve(set).toString(), "--k", "8", "--run_id", runId, "--out_table", "text-runs", "--centroid_table", "text-centroids"));
    args.addAll(List.of(extra));
    return Cli.run(args.toArray(new String[0]));
  }

  @Test
  void anotherDrawOfTheSameMixIsNotDrift() throws Exception {
    JsonNode s = drift("SNAPSHOT", "resample", "2000").summary();
    assertFalse(s.at("/verdict/drift").asBoolean(), s.at("/verdict").toString());
    assertEquals("ok", s.at("/verdict/level").asText(), "calibrated: " + s.at("/verdict/calibrated"));
  }

  @Test
  void aShiftedMixWithANewTopicIsDrift() throws Exception {
    // Statistics beyond every one of the default 200 null values: empirically p = 1/201, which Benjamini-Hochberg over
    // nine statistics could only make warning; their nulls' tails say how far beyond, and they decide.
    JsonNode s = drift("SNAPSHOT", "snapshot", "3000").summary();
    assertTrue(s.at("/verdict/drift").asBoolean(), s.at("/verdict").toString());
    assertEquals("drift", s.at("/verdict/level").asText(), "calibrated: " + s.at("/verdict/calibrated"));
    // 800 vectors a side: the null's pseudo-snapshots are half the baseline's sample, 400.
    assertEquals(400, s.at("/verdict/calibrated/resample_size").asInt());
  }
}
