package llmops.eval.runners;

/**
 * Why a call to a model did not give an answer, by kind, and whether trying again can help:
 * throttling, timeouts, 5xx and broken replies can; a rejected request (4xx) or a reply without
 * the configured output cannot, and is not paid for twice.
 */
public final class InvocationFailure extends RuntimeException {
  public enum Kind {
    THROTTLED(true), TIMEOUT(true), SERVER_ERROR(true), CONNECTION(true), MALFORMED_REPLY(true),
    CLIENT_ERROR(false), MODEL_ERROR(false), NO_OUTPUT(false), TOO_LARGE(false);

    private final boolean retryable;

    Kind(boolean retryable) {
      this.retryable = retryable;
    }

    public String label() {
      return name().toLowerCase();
    }
  }

  private final Kind kind;

  public InvocationFailure(Kind kind, String detail) {
    super(detail);
    this.kind = kind;
  }

  public InvocationFailure(Kind kind, String detail, Throwable cause) {
    super(detail, cause);
    this.kind = kind;
  }

  public Kind kind() {
    return kind;
  }

  public boolean retryable() {
    return kind.retryable;
  }

  /** The kind an HTTP status means: 429 throttled, 408 timeout, 424 the model failed on this input, other 4xx rejected, 5xx server. */
  public static Kind ofStatus(int status) {
    if (status == 429) {
      return Kind.THROTTLED;
    }
    if (status == 408) {
      return Kind.TIMEOUT;
    }
    if (status == 424) {
      return Kind.MODEL_ERROR;
    }
    return status >= 500 ? Kind.SERVER_ERROR : Kind.CLIENT_ERROR;
  }
}
