package llmops.udfs.distance;

import java.io.Serializable;

/**
 * A prompt is novel when its distance to its k-th nearest reference point exceeds {@code margin}
 * times the reference's own {@code quantile} of that distance (each reference point measured
 * against the others, leave-one-out, by the BASELINE run): with p95 and margin 1, about 5 % of
 * prompts like the reference data are novel, and prompts in regions the reference does not cover
 * mostly are.
 */
public record NoveltyRule(String quantile, double margin) implements Serializable {
  public NoveltyRule {
    DistanceQuantiles.index(quantile);
    if (!(margin > 0)) {
      throw new IllegalArgumentException("the novelty margin must be positive, got " + margin);
    }
  }

  /** The kNN distance beyond which a prompt is novel, from the reference's quantiles in {@link DistanceQuantiles#NAMES} order. */
  public double threshold(double[] referenceQuantiles) {
    return margin * referenceQuantiles[DistanceQuantiles.index(quantile)];
  }
}
