package llmops.udfs.embeddings;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The real all-MiniLM-L6-v2 from the jar. Reference similarities from DESIGN.md (measured on this model): 0.83 and 0.05. */
class SentenceEmbedderTest {
  private static final SentenceEmbedder MODEL = SentenceEmbedder.shared();

  private static double cosine(float[] a, float[] b) {
    double dot = 0;
    double na = 0;
    double nb = 0;
    for (int i = 0; i < a.length; i++) {
      dot += a[i] * b[i];
      na += a[i] * a[i];
      nb += b[i] * b[i];
    }
    return dot / Math.sqrt(na * nb);
  }

  @Test
  void vectorsHave384DimensionsAndUnitLength() {
    float[] v = MODEL.embed(List.of("How do I reset my password?"))[0];
    assertEquals(SentenceEmbedder.DIM, v.length);
    double norm = 0;
    for (float x : v) {
      norm += x * x;
    }
    assertEquals(1, Math.sqrt(norm), 1e-5);
  }

  @Test
  void theSameTextGivesTheSameVectorAloneOrInABatch() {
    float[] alone = MODEL.embed(List.of("Where is my parcel?"))[0];
    float[][] batch = MODEL.embed(List.of("Something else entirely, and rather longer than the other.", "Where is my parcel?"));
    assertArrayEquals(alone, batch[1], 0f);
  }

  @Test
  void nearDuplicatesAreCloserThanUnrelatedSentences() {
    float[][] v = MODEL.embed(List.of("How do I reset my password?", "I forgot my login password, how can I change it?",
        "The tent is waterproof up to 3000 mm."));
    double near = cosine(v[0], v[1]);
    double far = cosine(v[0], v[2]);
    assertEquals(0.83, near, 0.03);
    assertTrue(far < 0.2, "unrelated: " + far);
  }

  @Test
  void tokensAreCountedAsTheModelsTokenizerCountsThemWithItsTwoSpecialTokens() {
    assertEquals(2, MODEL.tokens(""), "[CLS] and [SEP]");
    assertEquals(7, MODEL.tokens("where is my parcel ?"));
    assertTrue(MODEL.tokens("unbelievably") > 3, "a rare word is several word pieces");
  }
}
