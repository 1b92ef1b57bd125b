package llmops.udfs.vectors;

/** A record that cannot become an embedding; {@link #reason()} is the quarantine reason code. */
public final class MalformedEmbeddingException extends Exception {
  private static final long serialVersionUID = 1L;
  private final String reason;

  public MalformedEmbeddingException(String reason, String detail) {
    super(detail);
    this.reason = reason;
  }

  public String reason() {
    return reason;
  }
}
