package llmops.udfs.embeddings;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The real all-MiniLM-L6-v2 from the jar. Reference similarities from DESIGN.md (measured on this model): 0.83 and 0.05. */
class SentenceEmbedderTest {
  private static final SentenceEmbedder MODEL = SentenceEmbedder.shared(SentenceModel.ALL_MINILM_L6_V2);

  /** Cosine similarity of two embeddings (the other sentence-model tests measure with it too). */
  static double cosine(float[] a, float[] b) {
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
  void theSameTextGivesTheSameVectorEveryTime() {
    List<String> batch = List.of("Something else entirely, and rather longer than the other.", "Where is my parcel?");
    assertArrayEquals(MODEL.embed(batch)[1], MODEL.embed(batch)[1], 0f);
  }

  @Test
  void paddingInABatchChangesAVectorByRoundingOnly() {
    // Padded to the longer text, masked out of attention and of the mean: the same vector up to float rounding.
    float[] alone = MODEL.embed(List.of("Where is my parcel?"))[0];
    float[] padded = MODEL.embed(List.of("Something else entirely, and rather longer than the other.", "Where is my parcel?"))[1];
    assertArrayEquals(alone, padded, 1e-5f);
  }

  @Test
  void lengthSortedBatchesGiveEveryTextItsOwnVectorInTheCallersOrder() {
    // Long and short texts alternate, so sorting by token count moves nearly all of them across batches of 2.
    List<String> texts = List.of(
        "My order arrived yesterday but the box was crushed, two of the glasses inside were broken, and the invoice lists a third item I never ordered.",
        "Hi.",
        "Can I change the delivery address of an order that has already shipped, and will that cost extra?",
        "Where is my parcel?",
        "Thanks!",
        "I was charged twice for the same jacket last week; please refund one of the payments to my card.",
        "Why?");
    float[][] batched = MODEL.embed(texts, 2);
    for (int i = 0; i < texts.size(); i++) {
      float[] alone = MODEL.embed(List.of(texts.get(i)))[0];
      assertArrayEquals(alone, batched[i], 1e-5f, texts.get(i));
    }
  }

  @Test
  void vectorsMatchLangchain4jsOwnEncoderForThisModel() {
    // langchain4j's AllMiniLmL6V2EmbeddingModel embeds one text at a time from the same ONNX file and tokenizer.
    var reference = new dev.langchain4j.model.embedding.onnx.allminilml6v2.AllMiniLmL6V2EmbeddingModel();
    List<String> texts = List.of("How do I reset my password?", "Hello! Can I exchange my raincoat for another size?",
        "Quick question: why does my promo code not work?");
    float[][] ours = MODEL.embed(texts);
    for (int i = 0; i < texts.size(); i++) {
      assertArrayEquals(reference.embed(texts.get(i)).content().vector(), ours[i], 1e-5f, texts.get(i));
    }
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
    assertEquals(602, MODEL.tokens("word ".repeat(600)), "counted whole, past the model's 512");
  }
}
