package llmops.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.NullNode;
import io.burt.jmespath.jackson.JacksonRuntime;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import llmops.io.EmbeddingInput;
import llmops.io.LineSplits;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The eval job's one scan of its input: plain keys read without JMESPath's evaluator, plain files read in pieces. */
class EvalScanTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void aPlainPathOfKeysFindsWhatJmesPathFindsInEveryShapeOfRecord() throws Exception {
    List<String> records = List.of("{\"question\": \"q\", \"a\": {\"b\": 1, \"llama2-7b-f\": \"x\"}}", "{\"question\": null, \"a\": null}",
        "{\"question\": {\"text\": \"q\"}, \"a\": [1, 2]}", "{\"a\": \"text, not an object\"}", "{}", "{\"a\": {\"b\": {\"c\": true}}}");
    List<String> locations = List.of("question", "a.b", "a.\"llama2-7b-f\"", "a.b.c", "question.text", "\"question\"");
    JacksonRuntime jmespath = new JacksonRuntime();
    for (String location : locations) {
      List<String> keys = RecordFields.plainKeys(location);
      for (String raw : records) {
        JsonNode record = JSON.readTree(raw);
        JsonNode direct = RecordFields.walk(keys, record);
        // jmespath-jackson gives NullNode where nothing is found; the job reads null and NullNode alike, as absent.
        assertEquals(jmespath.compile(location).search(record), direct == null ? NullNode.getInstance() : direct, location + " in " + raw);
      }
    }
  }

  @Test
  void onlyAPathOfKeysIsWalkedDirectly() {
    assertEquals(List.of("answers", "llama2-7b-f"), RecordFields.plainKeys("answers.\"llama2-7b-f\""));
    assertEquals(List.of("a.b"), RecordFields.plainKeys("\"a.b\""), "a quoted key may hold a dot");
    for (String expression : List.of("meta.labels[0]", "a || b", "\"with \\\"escape\\\"\"", "a.*", "length(a)", "`1`", "a..b")) {
      assertNull(RecordFields.plainKeys(expression), expression);
    }
  }

  @Test
  void aPlainFileReadInPiecesGivesEveryLineOnceAtItsOffset(@TempDir Path dir) throws Exception {
    Random random = new Random(3);
    StringBuilder text = new StringBuilder();
    for (int i = 0; text.length() < 4 * EvaluationInput.MIN_PIECE_BYTES; i++) {
      text.append("{\"id\": ").append(i).append(", \"text\": \"").append("é".repeat(random.nextInt(300))).append("\"}\n");
    }
    Path file = dir.resolve("data.jsonl");
    Files.writeString(file, text, StandardCharsets.UTF_8);
    Configuration hadoop = new Configuration();
    org.apache.hadoop.fs.Path root = new org.apache.hadoop.fs.Path(dir.toUri());
    List<LineSplits.Split> whole = LineSplits.plan(root, EmbeddingInput.listDataFiles(root, hadoop), hadoop);
    List<LineSplits.Split> pieces = EvaluationInput.pieces(whole, hadoop, 4);
    assertEquals(1, whole.size());
    assertEquals(4, pieces.size(), "over 4 MB in the 4 pieces asked for: " + pieces);
    assertEquals(lines(whole, hadoop), lines(pieces, hadoop));
    List<LineSplits.Split> many = EvaluationInput.pieces(whole, hadoop, 1000);
    assertTrue(many.subList(0, many.size() - 1).stream().allMatch(p -> p.length() == EvaluationInput.MIN_PIECE_BYTES),
        "however many are asked for, no piece but the file's last is below the floor: " + many);
  }

  private static List<String> lines(List<LineSplits.Split> splits, Configuration hadoop) {
    List<String> lines = new ArrayList<>();
    for (LineSplits.Split split : splits) {
      assertNull(LineSplits.read(split, hadoop, new LineSplits.LineVisitor() {
        @Override
        public void line(long offset, byte[] bytes, int length) {
          lines.add(offset + " " + new String(bytes, 0, length, StandardCharsets.UTF_8));
        }

        @Override
        public void rejected(long offset, String reason, String detail, String raw) {
          lines.add(offset + " rejected " + reason);
        }
      }));
    }
    return lines;
  }
}
