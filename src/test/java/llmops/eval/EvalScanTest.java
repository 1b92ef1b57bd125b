package llmops.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.NullNode;
import io.burt.jmespath.jackson.JacksonRuntime;
import java.util.List;
import llmops.io.LineSplits;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;

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
  void aPlainFileIsCutIntoContiguousPiecesAndAGzipFileStaysWhole() {
    long length = 10 * EvaluationInput.MIN_PIECE_BYTES + 5;
    LineSplits.Split plain = new LineSplits.Split("file:/data/a.jsonl", "a.jsonl", 0, length);
    LineSplits.Split gzip = new LineSplits.Split("file:/data/b.jsonl.gz", "b.jsonl.gz", 0, length);
    List<LineSplits.Split> pieces = EvaluationInput.pieces(List.of(plain, gzip), new Configuration(), 4);
    // LineSplitsTest shows that pieces cut anywhere read every line once, at its offset.
    List<LineSplits.Split> ofPlain = pieces.subList(0, pieces.size() - 1);
    assertEquals(4, ofPlain.size(), pieces.toString());
    long next = 0;
    for (LineSplits.Split piece : ofPlain) {
      assertEquals(next, piece.start(), "no gap and no overlap: " + pieces);
      next += piece.length();
    }
    assertEquals(length, next);
    assertEquals(gzip, pieces.get(pieces.size() - 1), "gzip cannot be cut");
    List<LineSplits.Split> many = EvaluationInput.pieces(List.of(plain), new Configuration(), 1000);
    assertEquals(11, many.size(), "however many are asked for, no piece but the last is below 1 MiB: " + many);
  }
}
