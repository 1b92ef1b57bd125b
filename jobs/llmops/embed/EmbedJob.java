package llmops.embed;

import java.util.LinkedHashMap;
import java.util.Map;
import llmops.io.Locations;
import llmops.io.Quarantine;
import llmops.io.Summary;
import llmops.io.TextInput;
import llmops.job.JobRun;
import llmops.job.SparkJob;
import llmops.udfs.embeddings.LongText;
import llmops.udfs.embeddings.SentenceEmbedder;
import llmops.udfs.embeddings.SentenceModel;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code embed}: texts on S3 (or local) into all-MiniLM-L6-v2 embeddings the drift and distance jobs read directly. */
@Command(name = "embed", mixinStandardHelpOptions = true,
    description = "Embed texts with the built-in all-MiniLM-L6-v2 model (FP32 or int8) and write them as Parquet, JSON Lines or the AWS sample's archive.")
public final class EmbedJob extends SparkJob {
  @Option(names = "--input_path", required = true, description = "Texts: a file or prefix (local, s3://, s3a://), read recursively")
  String inputPath;
  @Option(names = "--output_path", required = true, description = "Where the embeddings go (replaced if it exists)")
  String outputPath;
  @Option(names = "--format", defaultValue = "parquet", description = "parquet, jsonl or seed (the AWS sample's gzipped text lines) (default: ${DEFAULT-VALUE})")
  String format;
  @Option(names = "--input_format", defaultValue = "auto", description = "auto, text (one document per line), jsonl or parquet (default: ${DEFAULT-VALUE})")
  String inputFormat;
  @Option(names = "--text_field", defaultValue = "text", description = "JSON Lines / Parquet text field (default: ${DEFAULT-VALUE})")
  String textField;
  @Option(names = "--id_field", defaultValue = "id", description = "JSON Lines / Parquet id field (default: ${DEFAULT-VALUE})")
  String idField;
  @Option(names = "--model", defaultValue = "all-minilm-l6-v2",
      description = "all-minilm-l6-v2 (FP32) or all-minilm-l6-v2-q (the same model quantized to int8: faster, cosine 0.99 to FP32) (default: ${DEFAULT-VALUE})")
  String model;
  @Option(names = "--batch_size", defaultValue = "64", description = "Texts per model call, grouped by length (default: ${DEFAULT-VALUE})")
  int batchSize;
  @Option(names = "--max_tokens", defaultValue = "256", description = "Word pieces the model reads of a text (default: ${DEFAULT-VALUE}, the model's training length)")
  int maxTokens;
  @Option(names = "--long_text", defaultValue = "truncate", description = "truncate (keep the head) or chunk (one vector per piece) (default: ${DEFAULT-VALUE})")
  String longText;
  @Option(names = "--quarantine_path", description = "Where records without usable text go (default: _llmops_quarantine/embed/<output name> beside the input)")
  String quarantinePath;

  @Override
  protected String name() {
    return "embed";
  }

  @Override
  protected boolean usesDynamo() {
    return false;
  }

  @Override
  protected void checkFlags() {
    EmbeddingOutput.Format.parse(format);
    LongText.parse(longText);
    SentenceModel.parse(model, "--model");
    if (batchSize < 1 || maxTokens < 8 || maxTokens > SentenceEmbedder.MAX_TOKENS) {
      throw new IllegalArgumentException("--batch_size must be at least 1 and --max_tokens between 8 and " + SentenceEmbedder.MAX_TOKENS
          + " (the model's longest input)");
    }
  }

  @Override
  protected Locations locations() {
    return new Locations().input("--input_path", inputPath).output("--output_path", outputPath).output("--quarantine_path", quarantinePath);
  }

  @Override
  protected int run(JobRun job) throws Exception {
    EmbeddingOutput.Format outputFormat = EmbeddingOutput.Format.parse(format);
    LongText longTexts = LongText.parse(longText);
    SentenceModel sentenceModel = SentenceModel.parse(model, "--model");
    TextInput.Parsed input = job.releaseAtEnd(job.time("read", () -> TextInput.read(job.spark(), inputPath, TextInput.Format.parse(inputFormat),
        idField, textField)), parsed -> parsed.batches().unpersist(false));
    TextCounts counts = TextCounts.of(input);
    String quarantine = job.quarantine(counts.quarantined(), input.batches().flatMap(b -> b.bad().iterator()), this::quarantinePath);
    if (counts.usable() == 0) {
      throw new IllegalArgumentException("no usable texts among " + counts.records() + " records under " + inputPath
          + "; " + Quarantine.explained(counts.quarantinedByReason(), quarantine));
    }
    Dataset<Row> embedded = job.releaseAtEnd(job.time("embed_and_write", () -> EmbeddingOutput.write(
        Embeddings.of(job.spark(), input.batches(), counts.usable(), sentenceModel, batchSize, maxTokens, longTexts), outputFormat, outputPath)),
        written -> written.unpersist(false));
    print(job, counts, input, quarantine, EmbeddingOutput.counts(embedded), outputFormat, longTexts, sentenceModel);
    return 0;
  }

  /** The readable line and the JSON summary. */
  private void print(JobRun job, TextCounts counts, TextInput.Parsed input, String quarantine, Map<String, Object> written,
      EmbeddingOutput.Format outputFormat, LongText longTexts, SentenceModel sentenceModel) {
    Map<String, Object> summary = new LinkedHashMap<>();
    summary.put("job", "embed");
    summary.put("status", "ok");
    summary.put("model", sentenceModel.displayName);
    summary.put("model_option", sentenceModel.option);
    summary.put("dim", SentenceEmbedder.DIM);
    summary.put("input", counts.asMap(inputPath, input.format(), input.files(), quarantine));
    summary.put("long_texts", Map.of("max_tokens", maxTokens, "handling", longTexts.name().toLowerCase(),
        "truncated", written.get("truncated"), "chunked_records", written.get("chunked_records"), "chunks", written.get("chunks")));
    summary.put("output", Map.of("path", outputPath, "format", outputFormat.name().toLowerCase(), "vectors", written.get("vectors")));
    summary.put("timings_s", job.timings().asMap());
    double seconds = job.timings().asMap().get("embed_and_write");
    summary.put("texts_per_second", seconds > 0 ? counts.usable() / seconds : null);
    System.out.printf("embedded %s texts of %s records into %s vectors of %d dimensions (%s) at %s; %s quarantined %s, %s truncated%n",
        counts.usable(), counts.records(), written.get("vectors"), SentenceEmbedder.DIM, sentenceModel.displayName, outputPath,
        counts.quarantined(), counts.quarantinedByReason(), written.get("truncated"));
    Summary.print(summary);
  }

  private String quarantinePath() {
    if (quarantinePath != null) {
      return quarantinePath;
    }
    String name = outputPath.replaceAll("/+$", "");
    return Quarantine.defaultPath(inputPath, "embed", name.substring(name.lastIndexOf('/') + 1));
  }
}
