package llmops.udfs.eval.rag;

import java.util.List;

/**
 * Ragas' definitions of the RAG metrics, from the judge's verdicts. Null where Ragas' score is
 * undefined (NaN): an answer with no claims, a reference with no sentences.
 */
public final class RagScores {
  private RagScores() {}

  /** Faithfulness: the share of the answer's claims that the contexts support. */
  public static Double faithfulness(List<Boolean> supported) {
    return share(supported);
  }

  /** Context recall: the share of the reference's sentences that the contexts support. */
  public static Double contextRecall(List<Boolean> attributed) {
    return share(attributed);
  }

  /**
   * Context precision: the mean of precision@k over the ranks k where the context is relevant
   * (average precision), the contexts in their retrieved order; 0 when none is relevant. Ragas divides
   * by (relevant + 1e-10), which gives the same 0 and differs from this by at most 1e-10 elsewhere.
   */
  public static double contextPrecision(List<Boolean> relevantInOrder) {
    double sum = 0;
    int relevantSoFar = 0;
    for (int k = 1; k <= relevantInOrder.size(); k++) {
      if (relevantInOrder.get(k - 1)) {
        relevantSoFar++;
        sum += (double) relevantSoFar / k;
      }
    }
    return relevantSoFar == 0 ? 0 : sum / relevantSoFar;
  }

  /**
   * Answer relevancy: the mean cosine between the question and the questions generated from the answer,
   * 0 when the judge found the answer noncommittal ("I don't know"), as Ragas 0.2 scores it.
   */
  public static double answerRelevancy(double[] cosines, boolean noncommittal) {
    if (cosines.length == 0) {
      throw new IllegalArgumentException("answer relevancy needs at least one generated question");
    }
    if (noncommittal) {
      return 0;
    }
    double sum = 0;
    for (double c : cosines) {
      sum += c;
    }
    return sum / cosines.length;
  }

  private static Double share(List<Boolean> verdicts) {
    if (verdicts.isEmpty()) {
      return null;
    }
    return verdicts.stream().filter(v -> v).count() / (double) verdicts.size();
  }
}
