package llmops.udfs.embeddings;

import ai.djl.huggingface.tokenizers.Encoding;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * sentence-transformers' all-MiniLM-L6-v2 (384 dimensions, mean pooling, unit length), FP32 or int8
 * ({@link SentenceModel}), from the ONNX model and tokenizer that langchain4j ships inside its jars: no
 * download, no network. Texts go through the model in batches of similar token counts (sorted by length,
 * each batch padded to its longest, padding masked out of the attention and the mean), so a batch of short
 * questions does not pay for one long text; the vectors come back in the caller's order. Each call runs on
 * the caller's thread only, so Spark's one task per core is the only parallelism. Loading takes a second
 * and 25-90 MB, so each JVM holds one instance per model ({@link #shared}), used by all its tasks.
 */
public final class SentenceEmbedder {
  public static final int DIM = 384;
  /** The model's position embeddings end here; texts are cut to fit before they get this far. */
  public static final int MAX_TOKENS = 512;
  private static final Map<SentenceModel, SentenceEmbedder> SHARED = new EnumMap<>(SentenceModel.class);

  private final SentenceModel model;
  private final OrtEnvironment environment;
  private final OrtSession session;
  private final Set<String> inputs;
  private final HuggingFaceTokenizer tokenizer; // unpadded: each batch is padded to its own longest text here
  private final HuggingFaceTokenizer counter; // the same vocabulary, never truncating: counts whole texts

  private SentenceEmbedder(SentenceModel model) {
    this.model = model;
    String weights = model.resourceStem + ".onnx";
    String vocabulary = model.resourceStem + "-tokenizer.json";
    try (InputStream weightsIn = resource(weights, model); InputStream tokenizerJson = resource(vocabulary, model);
         InputStream counterJson = resource(vocabulary, model)) {
      environment = OrtEnvironment.getEnvironment();
      OrtSession.SessionOptions options = new OrtSession.SessionOptions();
      options.setIntraOpNumThreads(1);
      options.setInterOpNumThreads(1);
      session = environment.createSession(weightsIn.readAllBytes(), options);
      inputs = session.getInputNames();
      tokenizer = HuggingFaceTokenizer.newInstance(tokenizerJson, Map.of(
          "padding", "false", "truncation", "true", "maxLength", Integer.toString(MAX_TOKENS)));
      counter = HuggingFaceTokenizer.newInstance(counterJson, Map.of("padding", "false", "truncation", "false"));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the embedding model " + model.option + " from the jar", e);
    } catch (OrtException e) {
      throw new IllegalStateException("ONNX Runtime cannot load " + model.displayName, e);
    }
  }

  /** The JVM's one instance of this model, loaded on first use. */
  public static synchronized SentenceEmbedder shared(SentenceModel model) {
    return SHARED.computeIfAbsent(model, SentenceEmbedder::new);
  }

  public SentenceModel model() {
    return model;
  }

  /** One unit-length vector per text, in order, from one forward pass padded to the longest text. */
  public float[][] embed(List<String> texts) {
    return embed(texts, Math.max(1, texts.size()));
  }

  /**
   * One unit-length vector per text, in the texts' order, from forward passes of at most {@code batchSize}
   * texts of similar token counts: the texts are sorted by their token count (stably), cut into batches,
   * and each vector is put back at its text's index. A text's vector does not depend on its batch beyond
   * float rounding, since padding is masked out.
   */
  public float[][] embed(List<String> texts, int batchSize) {
    if (batchSize < 1) {
      throw new IllegalArgumentException("batch size must be at least 1 (got " + batchSize + ")");
    }
    float[][] out = new float[texts.size()][];
    if (texts.isEmpty()) {
      return out;
    }
    Encoding[] encodings = tokenizer.batchEncode(texts);
    Integer[] byLength = new Integer[encodings.length];
    for (int i = 0; i < byLength.length; i++) {
      byLength[i] = i;
    }
    Arrays.sort(byLength, Comparator.comparingInt(i -> encodings[i].getIds().length));
    for (int from = 0; from < byLength.length; from += batchSize) {
      Integer[] batch = Arrays.copyOfRange(byLength, from, Math.min(byLength.length, from + batchSize));
      float[][] vectors = forward(batch, encodings);
      for (int b = 0; b < batch.length; b++) {
        out[batch[b]] = vectors[b];
      }
    }
    return out;
  }

  /** The texts at these indices through the model in one pass, padded (id 0, [PAD], masked) to the longest of them. */
  private float[][] forward(Integer[] batch, Encoding[] encodings) {
    int length = 0;
    for (int index : batch) {
      length = Math.max(length, encodings[index].getIds().length);
    }
    long[][] ids = new long[batch.length][length];
    long[][] mask = new long[batch.length][length];
    long[][] types = new long[batch.length][length];
    for (int b = 0; b < batch.length; b++) {
      Encoding e = encodings[batch[b]];
      System.arraycopy(e.getIds(), 0, ids[b], 0, e.getIds().length);
      System.arraycopy(e.getAttentionMask(), 0, mask[b], 0, e.getAttentionMask().length);
      System.arraycopy(e.getTypeIds(), 0, types[b], 0, e.getTypeIds().length);
    }
    Map<String, OnnxTensor> feed = new HashMap<>();
    try {
      feed.put("input_ids", OnnxTensor.createTensor(environment, ids));
      feed.put("attention_mask", OnnxTensor.createTensor(environment, mask));
      if (inputs.contains("token_type_ids")) {
        feed.put("token_type_ids", OnnxTensor.createTensor(environment, types));
      }
      try (OrtSession.Result result = session.run(feed)) {
        float[][][] hidden = (float[][][]) result.get(0).getValue();
        float[][] out = new float[batch.length][];
        for (int b = 0; b < batch.length; b++) {
          out[b] = meanPoolNormalized(hidden[b], mask[b], length);
        }
        return out;
      }
    } catch (OrtException e) {
      throw new IllegalStateException("ONNX Runtime failed on a batch of " + batch.length + " texts", e);
    } finally {
      feed.values().forEach(OnnxTensor::close);
    }
  }

  /** The mean of the unmasked tokens' states ([CLS] and [SEP] included, as sentence-transformers pools), scaled to unit length. */
  private static float[] meanPoolNormalized(float[][] states, long[] mask, int length) {
    double[] sum = new double[DIM];
    int tokens = 0;
    for (int t = 0; t < length; t++) {
      if (mask[t] == 1) {
        tokens++;
        for (int j = 0; j < DIM; j++) {
          sum[j] += states[t][j];
        }
      }
    }
    double norm = 0;
    for (int j = 0; j < DIM; j++) {
      sum[j] /= tokens;
      norm += sum[j] * sum[j];
    }
    norm = Math.sqrt(norm);
    float[] out = new float[DIM];
    for (int j = 0; j < DIM; j++) {
      out[j] = (float) (norm == 0 ? 0 : sum[j] / norm);
    }
    return out;
  }

  /** Word pieces of a text as the model's tokenizer counts them, with its [CLS] and [SEP]: what its 256-token limit counts. */
  public int tokens(String text) {
    return counter.encode(text).getIds().length;
  }

  private static InputStream resource(String name, SentenceModel model) {
    InputStream in = SentenceEmbedder.class.getClassLoader().getResourceAsStream(name);
    if (in == null) {
      throw new IllegalStateException(name + " is not on the classpath (it ships in " + model.artifact + ")");
    }
    return in;
  }
}
