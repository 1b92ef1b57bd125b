package llmops.udfs.eval;

import java.util.ArrayList;
import java.util.List;
import llmops.udfs.embeddings.LongText;
import llmops.udfs.embeddings.SentenceEmbedder;

/**
 * Cosine similarity of the model output and the target output under all-MiniLM-L6-v2 (built into the
 * jar, FP32 or int8), the best over the possible targets: a model-based score that needs no endpoint.
 * Texts longer than the model's 256 training tokens are cut there, as sentence-transformers does.
 */
public final class SemanticSimilarity {
  static final int MAX_TOKENS = 256;
  /** Texts per forward pass, of similar lengths: the embedder sorts all of a call's texts by token count first. */
  static final int FORWARD_BATCH = 64;

  private SemanticSimilarity() {}

  /** One score per record; the texts of all the records go through the model in length-sorted batches. */
  public static double[] scores(SentenceEmbedder model, List<String> outputs, List<List<String>> targets) {
    double[][] cosines = cosines(model, outputs, targets);
    double[] scores = new double[outputs.size()];
    for (int i = 0; i < outputs.size(); i++) {
      double best = -1;
      for (double c : cosines[i]) {
        best = Math.max(best, c);
      }
      scores[i] = best;
    }
    return scores;
  }

  /**
   * Per record, the cosine of its text with each of its others (answer relevancy's generated questions,
   * the retrieved contexts), all texts embedded in one length-sorted pass.
   */
  public static double[][] cosines(SentenceEmbedder model, List<String> texts, List<List<String>> others) {
    List<String> all = new ArrayList<>();
    for (int i = 0; i < texts.size(); i++) {
      all.add(fitted(model, texts.get(i)));
      for (String other : others.get(i)) {
        all.add(fitted(model, other));
      }
    }
    float[][] vectors = model.embed(all, FORWARD_BATCH);
    double[][] cosines = new double[texts.size()][];
    int next = 0;
    for (int i = 0; i < texts.size(); i++) {
      float[] text = vectors[next++];
      cosines[i] = new double[others.get(i).size()];
      for (int t = 0; t < cosines[i].length; t++) {
        cosines[i][t] = cosineOfUnitVectors(text, vectors[next++]);
      }
    }
    return cosines;
  }

  private static String fitted(SentenceEmbedder model, String text) {
    return LongText.TRUNCATE.pieces(text, MAX_TOKENS, model::tokens).get(0);
  }

  /** The embedder returns unit vectors (or zeros for nothing to pool), so the dot product is the cosine. */
  private static double cosineOfUnitVectors(float[] a, float[] b) {
    double dot = 0;
    for (int j = 0; j < a.length; j++) {
      dot += (double) a[j] * b[j];
    }
    return dot;
  }
}
