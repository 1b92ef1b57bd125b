package llmops.udfs.eval;

import java.io.Serializable;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Counts of (true label, predicted label) pairs, mergeable across partitions, and the dataset-level
 * scores fmeval takes from scikit-learn: accuracy, {@code balanced_accuracy_score} (mean recall over
 * the classes that occur as true labels) and micro-averaged {@code precision_score} / {@code recall_score}.
 */
public final class ConfusionMatrix implements Serializable {
  private final TreeMap<String, TreeMap<String, Long>> counts = new TreeMap<>();

  public ConfusionMatrix add(String trueLabel, String predicted, long n) {
    counts.computeIfAbsent(trueLabel, t -> new TreeMap<>()).merge(predicted, n, Long::sum);
    return this;
  }

  public ConfusionMatrix merge(ConfusionMatrix other) {
    other.counts.forEach((t, row) -> row.forEach((p, n) -> add(t, p, n)));
    return this;
  }

  /** true label -> predicted label -> count, both sorted. */
  public Map<String, Map<String, Long>> counts() {
    Map<String, Map<String, Long>> copy = new TreeMap<>();
    counts.forEach((t, row) -> copy.put(t, new TreeMap<>(row)));
    return copy;
  }

  public long total() {
    return counts.values().stream().flatMap(r -> r.values().stream()).mapToLong(Long::longValue).sum();
  }

  public double accuracy() {
    return (double) correct() / total();
  }

  /** scikit-learn drops classes with no true samples (with a warning) before averaging the recalls. */
  public double balancedAccuracy() {
    double sum = 0;
    for (Map.Entry<String, TreeMap<String, Long>> row : counts.entrySet()) {
      long support = row.getValue().values().stream().mapToLong(Long::longValue).sum();
      sum += (double) row.getValue().getOrDefault(row.getKey(), 0L) / support;
    }
    return sum / counts.size();
  }

  /**
   * Micro averaging over every label seen (true or predicted) counts each record once as a true or a
   * false positive and once as a true positive or a false negative, so it equals the accuracy;
   * computed from the counts to stay the definition rather than the shortcut.
   */
  public double microPrecision() {
    long tp = correct();
    long fp = 0;
    for (String label : labels()) {
      fp += predictedAs(label) - cell(label, label);
    }
    return tp + fp == 0 ? 0 : (double) tp / (tp + fp);
  }

  public double microRecall() {
    long tp = correct();
    long fn = 0;
    for (String label : labels()) {
      fn += support(label) - cell(label, label);
    }
    return tp + fn == 0 ? 0 : (double) tp / (tp + fn);
  }

  private TreeSet<String> labels() {
    TreeSet<String> labels = new TreeSet<>(counts.keySet());
    counts.values().forEach(row -> labels.addAll(row.keySet()));
    return labels;
  }

  private long correct() {
    return labels().stream().mapToLong(l -> cell(l, l)).sum();
  }

  private long cell(String trueLabel, String predicted) {
    TreeMap<String, Long> row = counts.get(trueLabel);
    return row == null ? 0 : row.getOrDefault(predicted, 0L);
  }

  private long support(String label) {
    TreeMap<String, Long> row = counts.get(label);
    return row == null ? 0 : row.values().stream().mapToLong(Long::longValue).sum();
  }

  private long predictedAs(String label) {
    return counts.values().stream().mapToLong(row -> row.getOrDefault(label, 0L)).sum();
  }
}
