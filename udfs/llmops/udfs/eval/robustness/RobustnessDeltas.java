package llmops.udfs.eval.robustness;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import llmops.udfs.eval.ClassificationLabel;
import llmops.udfs.eval.QaAccuracy;
import llmops.udfs.eval.SummarizationAccuracy;

/**
 * The delta scores of fmeval's accuracy semantic-robustness algorithms (QAAccuracySemanticRobustness,
 * SummarizationAccuracySemanticRobustness, ClassificationAccuracySemanticRobustness): each accuracy score
 * of the answer to the original input and of the answer to each perturbed input, by the same scorer, and
 * {@code delta_<score>} = the mean over the perturbations of |original score - perturbed score|
 * (fmeval's {@code MeanDeltaScores}: absolute, not signed). Keys keep the order of the algorithm's scores.
 */
public final class RobustnessDeltas {
  public static final String PREFIX = "delta_";

  private RobustnessDeltas() {}

  /**
   * fmeval's {@code np.mean([abs(original - p) for p in perturbed])}. Summed left to right, which is
   * numpy's order for fewer than 8 values (fmeval's default is 5); beyond that numpy sums pairwise and
   * the last bit may differ.
   */
  public static double meanDelta(double original, double[] perturbed) {
    if (perturbed.length == 0) {
      throw new IllegalArgumentException("no perturbed scores");
    }
    double sum = 0;
    for (double p : perturbed) {
      sum += Math.abs(original - p);
    }
    return sum / perturbed.length;
  }

  /** delta_exact_match_score, delta_quasi_exact_match_score, delta_f1_score, delta_precision_over_words, delta_recall_over_words. */
  public static Map<String, Double> qaAccuracy(String originalOutput, List<String> perturbedOutputs, List<String> targets) {
    return deltas(originalOutput, perturbedOutputs, output -> QaAccuracy.score(output, targets).asMap());
  }

  /**
   * delta_rouge1, delta_rouge2, delta_rougeL, delta_meteor (fmeval's delta_rouge is the delta of its one
   * configured ROUGE type, rouge2 by default) and delta_bleu, null when BLEU is (no non-empty target).
   */
  public static Map<String, Double> summarizationAccuracy(String originalOutput, List<String> perturbedOutputs, List<String> targets) {
    return deltas(originalOutput, perturbedOutputs, output -> SummarizationAccuracy.score(output, targets).asMap());
  }

  /** delta_classification_accuracy_score: how often a perturbation flips the classification's correctness. */
  public static Map<String, Double> classificationAccuracy(String originalOutput, List<String> perturbedOutputs,
      String targetOutput, ClassificationLabel labels) {
    return deltas(originalOutput, perturbedOutputs,
        output -> Map.of(ClassificationLabel.SCORE, ClassificationLabel.accuracy(labels.predict(output), targetOutput)));
  }

  private static Map<String, Double> deltas(String originalOutput, List<String> perturbedOutputs,
      Function<String, Map<String, Double>> scorer) {
    Map<String, Double> original = scorer.apply(originalOutput);
    List<Map<String, Double>> perturbed = new ArrayList<>();
    for (String output : perturbedOutputs) {
      perturbed.add(scorer.apply(output));
    }
    Map<String, Double> deltas = new LinkedHashMap<>();
    for (String name : original.keySet()) {
      // A score that is null (BLEU without a non-empty target) is null for every output, as it depends on the targets alone.
      Double originalScore = original.get(name);
      boolean defined = originalScore != null;
      double[] perturbedScores = new double[perturbed.size()];
      for (int i = 0; i < perturbedScores.length; i++) {
        Double value = perturbed.get(i).get(name);
        if (value == null) {
          defined = false;
        } else {
          perturbedScores[i] = value;
        }
      }
      deltas.put(PREFIX + name, defined ? meanDelta(originalScore, perturbedScores) : null);
    }
    return deltas;
  }
}
