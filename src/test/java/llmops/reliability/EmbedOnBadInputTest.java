package llmops.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import llmops.testing.Cli;
import llmops.testing.SparkTest;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * The embed job over texts with bad records among the good ones, plus a 50 MB line: JSON Lines
 * (plain and a truncated gzip) and plain text with Latin-1 and UTF-16 lines; each compared with a
 * run over the good texts alone.
 */
class EmbedOnBadInputTest {
  /** What the embed job has in common on either input format: how it runs, counts and is compared. */
  abstract static class Embedding implements BadInputContract {
    private final BadInputRuns runs = new BadInputRuns();

    @Override
    public Cli.Result run(String name, Path input, Path dir) throws Exception {
      return Cli.run("embed", "--input_path", input.toString(), "--output_path", dir.resolve("out-" + name).toString(),
          "--quarantine_path", dir.resolve("quarantine-" + name).toString());
    }

    @Override
    public BadInputRuns runs() {
      return runs;
    }

    /** The embed job calls a usable text usable, not valid. */
    @Override
    public Map<String, Accounting> accounting(Cli.Result run) {
      JsonNode in = run.summary().get("input");
      return Map.of("input", new Accounting(in.get("records").asLong(), in.get("usable").asLong(), in.get("quarantined").asLong()));
    }

    /** A text's vector in another batch differs by float rounding only, below 1e-5 (SentenceEmbedderTest). */
    @Test
    void theGoodTextsGetTheSameEmbeddingsAsWithoutTheBadOnes() {
      Map<String, float[]> withBad = embeddings("mixed");
      Map<String, float[]> alone = embeddings("good");
      assertEquals(alone.keySet(), withBad.keySet());
      alone.forEach((id, v) -> {
        for (int j = 0; j < v.length; j++) {
          assertEquals(v[j], withBad.get(id)[j], 1e-5, id);
        }
      });
    }

    List<Row> output(String name) {
      return SparkTest.spark().read().parquet(runs.dir().resolve("out-" + name).toString()).collectAsList();
    }

    private Map<String, float[]> embeddings(String name) {
      return output(name).stream().collect(Collectors.toMap(r -> r.getString(r.fieldIndex("id")), r -> {
        List<Float> v = r.getList(r.fieldIndex("embedding"));
        float[] out = new float[v.size()];
        for (int i = 0; i < out.length; i++) {
          out[i] = v.get(i);
        }
        return out;
      }));
    }
  }

  @Nested
  class JsonLines extends Embedding {
    @Override
    public String dataSet() {
      return "texts-jsonl";
    }

    @Override
    public void addTheHugeLine(Path mixedCopy) throws IOException {
      HugeLine.write(mixedCopy.resolve("zz-huge.jsonl"), "{\"id\": \"huge\", \"text\": \"word", " word", "\"}");
    }
  }

  @Nested
  class PlainText extends Embedding {
    @Override
    public String dataSet() {
      return "texts-plain";
    }

    @Override
    public void addTheHugeLine(Path mixedCopy) throws IOException {
      HugeLine.text(mixedCopy.resolve("zz-huge.txt"));
    }

    @Test
    void textThatIsNotAsciiButValidUtf8IsKeptAsItIs() {
      long kept = output("mixed").stream().map(r -> r.getString(r.fieldIndex("text")))
          .filter(t -> t.contains("lässt") || t.contains("Dónde")).count();
      assertEquals(2, kept);
    }
  }
}
