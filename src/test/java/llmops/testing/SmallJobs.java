package llmops.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Small inputs for running every job end to end in a few seconds, for the tests that are about what
 * the jobs do around their computation (reruns, faults, logs) rather than about the numbers.
 */
public final class SmallJobs {
  private SmallJobs() {}

  /**
   * 600 embeddings of dimension 16 in 3 Gaussian clusters (seed 7, draw {@code rowSeed}), as JSON Lines with a text per record;
   * {@code drift} adds sample-data's drift flags, e.g. {@code --shift 0.4}.
   */
  public static Path embeddings(Path dir, String name, int rowSeed, String... drift) throws Exception {
    Path out = dir.resolve(name);
    List<String> args = new ArrayList<>(List.of("sample-data", "--output_path", out.toString(), "--n", "600", "--dim", "16", "--clusters", "3",
        "--separation", "2", "--noise", "0.4", "--files", "2", "--format", "jsonl", "--row_seed", Integer.toString(rowSeed)));
    args.addAll(List.of(drift));
    Cli.Result made = Cli.run(args.toArray(new String[0]));
    assertEquals(0, made.exitCode(), made.stdout());
    return out;
  }

  /** A question-answering dataset of two models' answers and its evaluation config; returns the config (the data is beside it). */
  public static Path evaluation(Path dir, String questionPrefix) throws Exception {
    Path data = dir.resolve("eval-data");
    Files.createDirectories(data);
    List<String> lines = new ArrayList<>();
    for (int i = 0; i < 12; i++) {
      lines.add("{\"id\": \"r" + i + "\", \"q\": \"" + questionPrefix + " question " + i + "?\", \"a\": \"answer " + i + "<OR>reply " + i
          + "\", \"out\": {\"good\": \"answer " + i + "\", \"bad\": \"no idea\"}}");
    }
    Files.writeString(data.resolve("part-1.jsonl"), String.join("\n", lines) + "\n");
    Path config = dir.resolve("eval.yaml");
    Files.writeString(config, """
        dataset:
          dataset_name: small_qa
          input_data_location: %s
          model_input_key: q
          target_output_key: a
          record_id_key: id
        models:
          - {name: good, model_output_key: out.good}
          - {name: bad, model_output_key: out.bad}
        algorithms:
          - {algorithm: FactualKnowledge, target_output_delimiter: "<OR>"}
          - {algorithm: QAAccuracy}
        """.formatted(data));
    return config;
  }

  /** Runs the CLI in this JVM and fails the test with its output unless it exits 0. */
  public static Cli.Result ok(String... args) throws Exception {
    Cli.Result result = Cli.run(args);
    assertEquals(0, result.exitCode(), result.stdout());
    return result;
  }
}
