package llmops.distance;

import java.io.Serializable;
import llmops.udfs.distance.CentroidDistances;

/** A block of prompts' distances to their nearest reference centroid, and each prompt's kNN distance in the run's metric. */
record PromptDistances(CentroidDistances centroid, double[] knn) implements Serializable {
  int rows() {
    return knn.length;
  }
}
