package llmops.udfs.eval.robustness;

import java.io.Serializable;
import java.util.List;

/**
 * One of fmeval's semantic-robustness perturbation settings ({@code perturbation_type},
 * {@code num_perturbations} and the parameters of the three types, with fmeval's names and defaults),
 * and the seed fmeval gives every record's perturbations.
 */
public record SemanticPerturbation(
    String type,
    int numPerturbations,
    double butterFingerPerturbationProb,
    double randomUppercaseCorruptProportion,
    double whitespaceRemoveProb,
    double whitespaceAddProb,
    long seed) implements Serializable {

  public static final String BUTTER_FINGER = "butter_finger";
  public static final String RANDOM_UPPER_CASE = "random_upper_case";
  public static final String WHITESPACE_ADD_REMOVE = "whitespace_add_remove";
  public static final List<String> TYPES = List.of(BUTTER_FINGER, RANDOM_UPPER_CASE, WHITESPACE_ADD_REMOVE);

  /** fmeval's defaults: 5 perturbations; 0.1; 0.1; remove 0.1, add 0.05; seed 5. */
  public static final int DEFAULT_NUM_PERTURBATIONS = 5;
  public static final double DEFAULT_BUTTER_FINGER_PERTURBATION_PROB = 0.1;
  public static final double DEFAULT_RANDOM_UPPERCASE_CORRUPT_PROPORTION = 0.1;
  public static final double DEFAULT_WHITESPACE_REMOVE_PROB = 0.1;
  public static final double DEFAULT_WHITESPACE_ADD_PROB = 0.05;
  public static final long DEFAULT_SEED = 5;

  public SemanticPerturbation {
    if (!TYPES.contains(type)) {
      throw new IllegalArgumentException("unknown perturbation_type '" + type + "' (known: " + String.join(", ", TYPES) + ")");
    }
    if (numPerturbations < 1) {
      throw new IllegalArgumentException("num_perturbations must be at least 1, got " + numPerturbations);
    }
    requireProbability("butter_finger_perturbation_prob", butterFingerPerturbationProb);
    requireProbability("random_uppercase_corrupt_proportion", randomUppercaseCorruptProportion);
    requireProbability("whitespace_remove_prob", whitespaceRemoveProb);
    requireProbability("whitespace_add_prob", whitespaceAddProb);
  }

  /** The given type with every other setting at fmeval's default. */
  public static SemanticPerturbation fmevalDefaults(String type) {
    return new SemanticPerturbation(type, DEFAULT_NUM_PERTURBATIONS, DEFAULT_BUTTER_FINGER_PERTURBATION_PROB,
        DEFAULT_RANDOM_UPPERCASE_CORRUPT_PROPORTION, DEFAULT_WHITESPACE_REMOVE_PROB, DEFAULT_WHITESPACE_ADD_PROB, DEFAULT_SEED);
  }

  /** The {@link #numPerturbations()} perturbed versions of a text, as fmeval makes them for a record whose model input it is. */
  public List<String> perturb(String text) {
    return switch (type) {
      case BUTTER_FINGER -> Perturbations.butterFinger(text, butterFingerPerturbationProb, numPerturbations, seed);
      case RANDOM_UPPER_CASE -> Perturbations.randomUpperCase(text, randomUppercaseCorruptProportion, numPerturbations, seed);
      default -> Perturbations.whitespaceAddRemove(text, whitespaceRemoveProb, whitespaceAddProb, numPerturbations, seed);
    };
  }

  private static void requireProbability(String name, double value) {
    if (!(value >= 0 && value <= 1)) {
      throw new IllegalArgumentException(name + " must be in [0, 1], got " + value);
    }
  }
}
