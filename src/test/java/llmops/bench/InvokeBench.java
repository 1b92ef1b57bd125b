package llmops.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import llmops.Main;
import llmops.testing.FakeModelServer;

/**
 * The model runners' throughput against their ceiling: a local OpenAI-compatible server that answers
 * after a fixed latency L, called with concurrency C, can at best answer C/L prompts a second; the
 * eval job's invocation phase (distinct prompts, response-store lookups, calls, keeping each answer)
 * is measured against that, once clean and once with a share of first attempts failing (503), where
 * every prompt must still be answered exactly once. Prints one JSON line per run.
 *   InvokeBench DIR N LATENCY_MS CONCURRENCY FAILURE_SHARE
 */
public final class InvokeBench {
  public static void main(String[] args) throws Exception {
    Path dir = Path.of(args[0]);
    int n = Integer.parseInt(args[1]);
    long latencyMs = Long.parseLong(args[2]);
    int concurrency = Integer.parseInt(args[3]);
    double failureShare = Double.parseDouble(args[4]);
    Files.createDirectories(dir);
    Path data = dir.resolve("prompts.jsonl");
    List<String> lines = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      lines.add("{\"id\": \"p" + i + "\", \"question\": \"question " + i + "\", \"answer\": \"answer " + i + "\"}");
    }
    Files.writeString(data, String.join("\n", lines) + "\n");
    long stamp = System.currentTimeMillis();
    // A first, unreported run warms the JIT and Spark up, as any run after the first on a cluster would be.
    System.err.println("warm-up run...");
    run(dir, data, n / 5, latencyMs, concurrency, 0, "bench-warmup-" + stamp, false);
    System.err.println("clean run...");
    run(dir, data, n, latencyMs, concurrency, 0, "bench-clean-" + stamp, true);
    System.err.println("run with " + failureShare + " of first attempts failing...");
    run(dir, data, n, latencyMs, concurrency, failureShare, "bench-faults-" + stamp, true);
  }

  private static void run(Path dir, Path data, int n, long latencyMs, int concurrency, double failureShare, String table, boolean report)
      throws Exception {
    try (FakeModelServer server = new FakeModelServer(p -> p.replace("question", "answer")).latency(latencyMs)) {
      if (failureShare > 0) {
        server.failFirstAttempts(failureShare, FakeModelServer.Fault.SERVER_ERROR);
      }
      Path config = dir.resolve(table + ".yaml");
      Files.writeString(config, """
          dataset: {dataset_name: bench, model_input_key: question, target_output_key: answer, record_id_key: id}
          models:
            - {name: local, model_provider: openai, model_id: m, endpoint_url: "%s/v1", limits: {max_concurrency: %d}}
          algorithms: [{algorithm: FactualKnowledge}]
          """.formatted(server.uri(), concurrency));
      Path prompts = report ? data : dir.resolve("warmup.jsonl");
      if (!report) {
        Files.write(prompts, Files.readAllLines(data).subList(0, n));
      }
      JsonNode summary = summaryOf("eval", "--config", config.toString(), "--data_path", prompts.toString(), "--output_path",
          dir.resolve("out-" + table).toString(), "--out_table", "llmops-bench-invoke", "--responses_table", table);
      double seconds = summary.at("/timings_s/invoke").asDouble();
      double ceiling = concurrency * 1000.0 / latencyMs;
      Map<String, Object> line = new LinkedHashMap<>();
      line.put("prompts", n);
      line.put("latency_ms", latencyMs);
      line.put("concurrency", concurrency);
      line.put("failure_share", failureShare);
      line.put("invoke_seconds", seconds);
      line.put("answers_per_second", n / seconds);
      line.put("ceiling_c_over_l", ceiling);
      line.put("ratio", n / seconds / ceiling);
      line.put("latency_ms_p50_p99", List.of(summary.at("/models/0/invocation/latency_ms/p50").asDouble(),
          summary.at("/models/0/invocation/latency_ms/p99").asDouble()));
      line.put("server_max_in_flight", server.maxInFlight.get());
      line.put("server_attempts", server.totalAttempts());
      line.put("distinct_prompts_answered", server.answered.size());
      line.put("answered_more_than_once", server.answered.values().stream().filter(c -> c.get() > 1).count());
      line.put("records_scored", summary.at("/models/0/scored").asInt());
      if (report) {
        System.out.println(new ObjectMapper().writeValueAsString(line));
      }
    }
  }

  private static JsonNode summaryOf(String... args) throws Exception {
    PrintStream original = System.out;
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    int code;
    try (PrintStream out = new PrintStream(captured, true, StandardCharsets.UTF_8)) {
      System.setOut(out);
      code = Main.run(args);
    } finally {
      System.setOut(original);
    }
    List<String> json = captured.toString(StandardCharsets.UTF_8).lines().filter(l -> l.startsWith("{")).toList();
    if (code != 0 || json.isEmpty()) {
      throw new IllegalStateException("the eval job failed (exit " + code + "):\n" + captured.toString(StandardCharsets.UTF_8));
    }
    return new ObjectMapper().readTree(json.get(json.size() - 1));
  }
}
