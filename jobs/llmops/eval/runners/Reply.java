package llmops.eval.runners;

/** A model's answer and, where the protocol reports them, its token counts (null where it does not). */
public record Reply(String text, Long inputTokens, Long outputTokens) {}
