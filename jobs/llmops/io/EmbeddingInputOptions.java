package llmops.io;

import picocli.CommandLine.Option;

/**
 * The flags every job that reads embeddings takes (a picocli mixin): the layout and the field names.
 * Defaults are the fields' initial values, so an instance made in code reads as the command line's defaults.
 */
public final class EmbeddingInputOptions {
  @Option(names = "--input_format", description = "auto, seed (the AWS sample's text lines), jsonl or parquet (default: ${DEFAULT-VALUE})")
  String format = "auto";
  @Option(names = "--id_field", description = "JSON Lines / Parquet id field (default: ${DEFAULT-VALUE})")
  String idField = "id";
  @Option(names = "--embedding_field", description = "JSON Lines / Parquet vector field (default: ${DEFAULT-VALUE})")
  String embeddingField = "embedding";

  public InputFormat format() {
    return InputFormat.parse(format);
  }

  /** The field names, with the text field of jobs that show records' text (the others never read it). */
  public EmbeddingFields fields(String textField) {
    return new EmbeddingFields(idField, embeddingField, textField);
  }
}
