package llmops.udfs.eval.rag;

import java.io.Serializable;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import llmops.udfs.eval.judge.PromptTemplate;

/**
 * The judge prompts of the RAG metrics, from their templates (the files {@code conf/judge-prompts/rag-*.txt},
 * read by the job): each template checked for exactly the slots its step fills.
 */
public final class RagPrompts implements Serializable {
  /** Template names, as the files are named without {@code .txt}, with the slots each must hold. */
  public static final Map<String, Set<String>> SLOTS = Map.of(
      "rag-claims", Set.of("question", "answer"),
      "rag-claim-support", Set.of("contexts", "claims"),
      "rag-context-relevance", Set.of("question", "context", "reference"),
      "rag-context-recall", Set.of("question", "contexts", "sentences"),
      "rag-questions", Set.of("answer", "count"));

  private final PromptTemplate claims;
  private final PromptTemplate claimSupport;
  private final PromptTemplate contextRelevance;
  private final PromptTemplate contextRecall;
  private final PromptTemplate questions;

  /** {@code text}: a template's text by its name (a key of {@link #SLOTS}). */
  public RagPrompts(Function<String, String> text) {
    claims = template("rag-claims", text);
    claimSupport = template("rag-claim-support", text);
    contextRelevance = template("rag-context-relevance", text);
    contextRecall = template("rag-context-recall", text);
    questions = template("rag-questions", text);
  }

  private static PromptTemplate template(String name, Function<String, String> text) {
    return new PromptTemplate(name, text.apply(name), SLOTS.get(name));
  }

  /** Faithfulness, step 1: the answer's claims. */
  public String claims(String question, String answer) {
    return claims.fill(Map.of("question", question, "answer", answer));
  }

  /** Faithfulness, step 2: one verdict per claim, whether the contexts support it. */
  public String claimSupport(List<String> contexts, List<String> claimList) {
    return claimSupport.fill(Map.of("contexts", passages(contexts), "claims", PromptTemplate.numbered(claimList)));
  }

  /** Context precision: whether one retrieved context was useful for the reference answer. */
  public String contextRelevance(String question, String context, String reference) {
    return contextRelevance.fill(Map.of("question", question, "context", context, "reference", reference));
  }

  /** Context recall: one verdict per sentence of the reference, whether the contexts support it. */
  public String contextRecall(String question, List<String> contexts, List<String> sentences) {
    return contextRecall.fill(Map.of("question", question, "contexts", passages(contexts), "sentences", PromptTemplate.numbered(sentences)));
  }

  /** Answer relevancy: {@code count} questions the answer answers, and whether it is noncommittal. */
  public String questions(String answer, int count) {
    return questions.fill(Map.of("answer", answer, "count", Integer.toString(count)));
  }

  /** The retrieved contexts as numbered passages, in their retrieved order. */
  static String passages(List<String> contexts) {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < contexts.size(); i++) {
      out.append(i == 0 ? "" : "\n\n").append('[').append(i + 1).append("] ").append(contexts.get(i).strip());
    }
    return out.toString();
  }
}
