package llmops.udfs.eval;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import llmops.udfs.text.BleuStatistics;
import llmops.udfs.text.Meteor;
import llmops.udfs.text.RougeScore;
import llmops.udfs.text.SacreBleu;

/**
 * fmeval's summarization accuracy for one record (ROUGE-1/2/L as rouge-score with stemming, METEOR as
 * NLTK's, each the best over the possible targets, as fmeval's transforms take it), plus sacrebleu's
 * sentence BLEU (0-100) with all the targets as its references and the statistics that sum to corpus
 * BLEU. With no non-empty target, sacrebleu has nothing to compare with: BLEU is null then.
 */
public record SummarizationAccuracy(double rouge1, double rouge2, double rougeL, double meteor, Double bleu, long[] bleuStatistics) {
  /** fmeval's names of the scores, in the order {@link #asMap} gives them. */
  public static final List<String> NAMES = List.of("rouge1", "rouge2", "rougeL", "meteor", "bleu");

  /** The scores under fmeval's names (BLEU null when there was no non-empty target). */
  public Map<String, Double> asMap() {
    Map<String, Double> scores = new LinkedHashMap<>();
    scores.put("rouge1", rouge1);
    scores.put("rouge2", rouge2);
    scores.put("rougeL", rougeL);
    scores.put("meteor", meteor);
    scores.put("bleu", bleu);
    return scores;
  }

  public static SummarizationAccuracy score(String modelOutput, List<String> targets) {
    double rouge1 = 0, rouge2 = 0, rougeL = 0, meteor = 0;
    List<String> references = new ArrayList<>();
    for (String target : targets) {
      RougeScore.Scores rouge = RougeScore.score(modelOutput, target);
      rouge1 = Math.max(rouge1, rouge.rouge1());
      rouge2 = Math.max(rouge2, rouge.rouge2());
      rougeL = Math.max(rougeL, rouge.rougeL());
      meteor = Math.max(meteor, Meteor.score(target, modelOutput));
      if (!target.isEmpty()) {
        references.add(target);
      }
    }
    if (references.isEmpty()) {
      return new SummarizationAccuracy(rouge1, rouge2, rougeL, meteor, null, null);
    }
    BleuStatistics statistics = SacreBleu.statistics(modelOutput, references);
    return new SummarizationAccuracy(rouge1, rouge2, rougeL, meteor, SacreBleu.sentenceBleu(statistics), statistics.toArray());
  }
}
