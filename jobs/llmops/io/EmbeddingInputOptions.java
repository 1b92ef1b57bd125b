package llmops.io;

import picocli.CommandLine.Option;

/** The flags every job that reads embeddings takes (a picocli mixin): the layout and the field names. */
public final class EmbeddingInputOptions {
  @Option(names = "--input_format", defaultValue = "auto", description = "auto, seed (the AWS sample's text lines), jsonl or parquet (default: ${DEFAULT-VALUE})")
  String format;
  @Option(names = "--id_field", defaultValue = "id", description = "JSON Lines / Parquet id field (default: ${DEFAULT-VALUE})")
  String idField;
  @Option(names = "--embedding_field", defaultValue = "embedding", description = "JSON Lines / Parquet vector field (default: ${DEFAULT-VALUE})")
  String embeddingField;

  public InputFormat format() {
    return InputFormat.parse(format);
  }

  /** The field names, with the text field of jobs that show records' text (the others never read it). */
  public EmbeddingFields fields(String textField) {
    return new EmbeddingFields(idField, embeddingField, textField);
  }
}
