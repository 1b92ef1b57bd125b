package llmops.udfs.eval.pairwise;

import java.io.Serializable;
import java.util.Map;
import java.util.Set;
import llmops.udfs.eval.judge.PromptTemplate;

/** The pairwise judge's prompt ({@code conf/judge-prompts/pairwise.txt}): the criterion, the question, answers A and B. */
public final class PairwisePrompt implements Serializable {
  public static final String NAME = "pairwise";
  public static final Set<String> SLOTS = Set.of("criteria", "question", "answer_a", "answer_b");
  private final PromptTemplate template;

  public PairwisePrompt(String text) {
    template = new PromptTemplate(NAME, text, SLOTS);
  }

  public String build(String criteria, String question, String answerA, String answerB) {
    return template.fill(Map.of("criteria", criteria, "question", question, "answer_a", answerA, "answer_b", answerB));
  }
}
