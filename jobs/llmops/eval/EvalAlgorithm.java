package llmops.eval;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import llmops.udfs.eval.ClassificationLabel;
import llmops.udfs.eval.FactualKnowledge;
import llmops.udfs.eval.QaAccuracy;
import llmops.udfs.eval.SummarizationAccuracy;
import llmops.udfs.eval.robustness.RobustnessDeltas;
import llmops.udfs.eval.robustness.WordErrorRate;

/**
 * The fmeval algorithms the eval job runs, each declared once: its eval name (what the YAML's
 * {@code algorithm} and every output call it), fmeval's class name (what the AWS sample's config
 * writes), its score columns (per record and the means; the headline first: the report ranks models by
 * it) and, for a semantic robustness algorithm, the accuracy algorithm whose scores it compares.
 */
public enum EvalAlgorithm {
  FACTUAL_KNOWLEDGE("factual_knowledge", "FactualKnowledge", FactualKnowledge.NAMES, null),
  QA_ACCURACY("qa_accuracy", "QAAccuracy", Scores.QA, null),
  SUMMARIZATION_ACCURACY("summarization_accuracy", "SummarizationAccuracy", Scores.SUMMARIZATION, null),
  CLASSIFICATION_ACCURACY("classification_accuracy", "ClassificationAccuracy", Scores.CLASSIFICATION, null),
  SEMANTIC_SIMILARITY("semantic_similarity", "SemanticSimilarity", List.of("semantic_similarity"), null),
  GENERAL_SEMANTIC_ROBUSTNESS("general_semantic_robustness", "GeneralSemanticRobustness", List.of(WordErrorRate.SCORE), null),
  QA_ACCURACY_SEMANTIC_ROBUSTNESS("qa_accuracy_semantic_robustness", "QAAccuracySemanticRobustness", Scores.deltas(Scores.QA), QA_ACCURACY),
  SUMMARIZATION_ACCURACY_SEMANTIC_ROBUSTNESS("summarization_accuracy_semantic_robustness", "SummarizationAccuracySemanticRobustness",
      Scores.deltas(Scores.SUMMARIZATION), SUMMARIZATION_ACCURACY),
  CLASSIFICATION_ACCURACY_SEMANTIC_ROBUSTNESS("classification_accuracy_semantic_robustness", "ClassificationAccuracySemanticRobustness",
      Scores.deltas(Scores.CLASSIFICATION), CLASSIFICATION_ACCURACY),
  TOXICITY("toxicity", "Toxicity", List.of("toxicity"), null),
  LLM_JUDGE("llm_judge", "LLMJudge", List.of("llm_judge_score"), null),
  FAITHFULNESS("faithfulness", "Faithfulness", List.of("faithfulness"), null),
  ANSWER_RELEVANCY("answer_relevancy", "AnswerRelevancy", List.of("answer_relevancy"), null),
  CONTEXT_PRECISION("context_precision", "ContextPrecision", List.of("context_precision"), null),
  CONTEXT_RECALL("context_recall", "ContextRecall", List.of("context_recall"), null),
  RAG_SIMILARITY("rag_similarity", "RagSimilarity", List.of("answer_question_similarity", "answer_context_similarity"), null);

  /** Score lists several algorithms share (enum constants cannot read the enum's own static fields). */
  private static final class Scores {
    static final List<String> QA = QaAccuracy.NAMES;
    static final List<String> SUMMARIZATION = SummarizationAccuracy.NAMES;
    static final List<String> CLASSIFICATION = List.of(ClassificationLabel.SCORE);

    /** fmeval's names of a robustness algorithm's scores: delta_ and the accuracy algorithm's. */
    static List<String> deltas(List<String> accuracyScores) {
      return accuracyScores.stream().map(n -> RobustnessDeltas.PREFIX + n).toList();
    }
  }

  private final String evalName;
  private final String fmevalClass;
  private final List<String> scores;
  private final EvalAlgorithm accuracy;

  EvalAlgorithm(String evalName, String fmevalClass, List<String> scores, EvalAlgorithm accuracy) {
    this.evalName = evalName;
    this.fmevalClass = fmevalClass;
    this.scores = scores;
    this.accuracy = accuracy;
  }

  /** fmeval's eval name: the config's {@code algorithm}, the outputs' name for it. */
  public String evalName() {
    return evalName;
  }

  /** Its score columns, the headline first. */
  public List<String> scores() {
    return scores;
  }

  /** The accuracy algorithm a semantic robustness algorithm compares; null for the others (and the general one). */
  public EvalAlgorithm accuracy() {
    return accuracy;
  }

  /** Whether it perturbs each input and asks the model again. */
  public boolean isRobustness() {
    return this == GENERAL_SEMANTIC_ROBUSTNESS || accuracy != null;
  }

  /** Whether it reads the retrieved contexts (the dataset's context_key). */
  public boolean readsContexts() {
    return this == FAITHFULNESS || this == CONTEXT_PRECISION || this == CONTEXT_RECALL || this == RAG_SIMILARITY;
  }

  /** Whether a judge model (the config's {@code judge:}) gives its scores. */
  public boolean isJudged() {
    return this == LLM_JUDGE || isRagJudged();
  }

  /** The RAG metrics a judge model scores through the prompts in conf/judge-prompts/. */
  public boolean isRagJudged() {
    return this == FAITHFULNESS || this == ANSWER_RELEVANCY || this == CONTEXT_PRECISION || this == CONTEXT_RECALL;
  }

  /** The algorithm of an eval name. */
  public static EvalAlgorithm named(String evalName) {
    return Arrays.stream(values()).filter(a -> a.evalName.equals(evalName)).findFirst()
        .orElseThrow(() -> new IllegalArgumentException("no algorithm '" + evalName + "'"));
  }

  /** The algorithm a config names, by its eval name or by fmeval's class name; empty when neither. */
  public static Optional<EvalAlgorithm> parse(String written) {
    return Arrays.stream(values()).filter(a -> a.evalName.equals(written) || a.fmevalClass.equals(written)).findFirst();
  }

  public static List<String> evalNames() {
    return Arrays.stream(values()).map(EvalAlgorithm::evalName).toList();
  }

  public static List<String> fmevalClasses() {
    return Arrays.stream(values()).map(a -> a.fmevalClass).sorted().toList();
  }

  /** Scores where lower is better (word error rate, toxicity, robustness deltas): model selection turns them around. */
  public static boolean lowerIsBetter(String score) {
    return score.equals("word_error_rate") || score.equals("toxicity") || score.startsWith(RobustnessDeltas.PREFIX);
  }
}
