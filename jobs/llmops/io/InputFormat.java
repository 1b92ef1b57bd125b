package llmops.io;

/** The embedding layouts the jobs read. */
public enum InputFormat {
  /** The AWS sample's archive: text lines {@code [f1, f2, ...]}, plain or gzip. */
  SEED,
  /** JSON Lines objects with an embedding array and optional id, text and timestamp. */
  JSONL,
  /** Parquet with an array&lt;float|double&gt; or ML vector column. */
  PARQUET,
  /** Decided from the files: by extension, else by the first character of the first line. */
  AUTO;

  public static InputFormat parse(String name) {
    return switch (name.toLowerCase()) {
      case "seed", "text", "archive" -> SEED;
      case "jsonl", "json" -> JSONL;
      case "parquet" -> PARQUET;
      case "auto" -> AUTO;
      default -> throw new IllegalArgumentException("--input_format must be auto, seed, jsonl or parquet (got '" + name + "')");
    };
  }
}
