package llmops.udfs.eval.robustness;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import llmops.udfs.eval.QuacText;

/**
 * fmeval's semantic-robustness perturbations ({@code eval_algorithms/semantic_perturbation_utils.py},
 * adapted by fmeval from NL-Augmenter), with the same random draws, so the same text and seed give the
 * same perturbed texts as fmeval. fmeval seeds Python's {@code random} and numpy's global
 * {@code RandomState} with one integer when it makes a perturbation object, and makes one per record
 * (seed 5), so each text's perturbations depend on the text alone; each call here starts from the seed
 * in the same way.
 *
 * <p>Texts are walked by Unicode code point and cased with Java's full case mappings, as Python's
 * {@code str} iteration, {@code lower()} and {@code upper()} do ("ß" upper-cases to "SS").
 */
public final class Perturbations {
  /** fmeval's {@code ButterFinger.QUERTY_KEY_APPROX} (NL-Augmenter's): each key and the keys it may be mistyped as. */
  private static final Map<String, String> QWERTY_NEIGHBOURS = Map.ofEntries(
      Map.entry("q", "qwasedzx"), Map.entry("w", "wqesadrfcx"), Map.entry("e", "ewrsfdqazxcvgt"),
      Map.entry("r", "retdgfwsxcvgt"), Map.entry("t", "tryfhgedcvbnju"), Map.entry("y", "ytugjhrfvbnji"),
      Map.entry("u", "uyihkjtgbnmlo"), Map.entry("i", "iuojlkyhnmlp"), Map.entry("o", "oipklujm"),
      Map.entry("p", "plo['ik"), Map.entry("a", "aqszwxwdce"), Map.entry("s", "swxadrfv"),
      Map.entry("d", "decsfaqgbv"), Map.entry("f", "fdgrvwsxyhn"), Map.entry("g", "gtbfhedcyjn"),
      Map.entry("h", "hyngjfrvkim"), Map.entry("j", "jhknugtblom"), Map.entry("k", "kjlinyhn"),
      Map.entry("l", "lokmpujn"), Map.entry("z", "zaxsvde"), Map.entry("x", "xzcsdbvfrewq"),
      Map.entry("c", "cxvdfzswergb"), Map.entry("v", "vcfbgxdertyn"), Map.entry("b", "bvnghcftyun"),
      Map.entry("n", "nbmhjvgtuik"), Map.entry("m", "mnkjloik"), Map.entry(" ", " "));

  private Perturbations() {}

  /**
   * ButterFinger: each letter of the table is replaced, with about the given probability, by one of its
   * keyboard neighbours (itself included); case is kept. As in fmeval a letter is perturbed when a draw
   * from 0..99 is at most {@code int(perturbationProb * 100)}, so 0.1 perturbs 11 % of them. Every
   * character goes through lower case and back ("İ" comes back as "I" and a combining dot, as in
   * Python). Python's random: two draws per letter that is perturbed, one per letter that is not, none
   * for other characters.
   */
  public static List<String> butterFinger(String text, double perturbationProb, int numPerturbations, long seed) {
    PythonRandom random = new PythonRandom(seed);
    int probOfTypo = (int) (perturbationProb * 100); // Python's int() truncates, as the cast does
    List<String> out = new ArrayList<>(numPerturbations);
    for (int p = 0; p < numPerturbations; p++) {
      StringBuilder perturbed = new StringBuilder(text.length());
      text.codePoints().forEach(codePoint -> {
        String letter = Character.toString(codePoint);
        String lower = letter.toLowerCase(Locale.ROOT);
        String neighbours = QWERTY_NEIGHBOURS.get(lower);
        String replacement = lower;
        if (neighbours != null && random.randbelow(100) <= probOfTypo) {
          replacement = String.valueOf(neighbours.charAt(random.randbelow(neighbours.length())));
        }
        perturbed.append(lower.equals(letter) ? replacement : replacement.toUpperCase(Locale.ROOT));
      });
      out.add(perturbed.toString());
    }
    return out;
  }

  /**
   * RandomUpperCase: {@code int(len(text) * corruptProportion)} distinct positions, drawn by numpy's
   * {@code choice(range(len(text)), k, replace=False)}, are upper-cased.
   */
  public static List<String> randomUpperCase(String text, double corruptProportion, int numPerturbations, long seed) {
    NumpyRandomState random = new NumpyRandomState(seed);
    int[] codePoints = text.codePoints().toArray();
    int count = (int) (codePoints.length * corruptProportion);
    List<String> out = new ArrayList<>(numPerturbations);
    for (int p = 0; p < numPerturbations; p++) {
      Set<Integer> positions = new HashSet<>();
      for (int position : random.choiceWithoutReplacement(codePoints.length, count)) {
        positions.add(position);
      }
      StringBuilder perturbed = new StringBuilder(text.length());
      for (int i = 0; i < codePoints.length; i++) {
        String letter = Character.toString(codePoints[i]);
        perturbed.append(positions.contains(i) ? letter.toUpperCase(Locale.ROOT) : letter);
      }
      out.add(perturbed.toString());
    }
    return out;
  }

  /**
   * WhitespaceAddRemove: one {@code random()} per character; a whitespace character (Python's
   * {@code isspace}) is dropped when the draw is below removeProb, any other character gets a space
   * after it when the draw is below addProb.
   */
  public static List<String> whitespaceAddRemove(String text, double removeProb, double addProb, int numPerturbations, long seed) {
    PythonRandom random = new PythonRandom(seed);
    List<String> out = new ArrayList<>(numPerturbations);
    for (int p = 0; p < numPerturbations; p++) {
      StringBuilder perturbed = new StringBuilder(text.length() + text.length() / 8);
      text.codePoints().forEach(codePoint -> {
        double draw = random.random();
        boolean space = QuacText.isPythonWhitespace(codePoint);
        if (space && draw < removeProb) {
          return;
        }
        perturbed.appendCodePoint(codePoint);
        if (!space && draw < addProb) {
          perturbed.append(' ');
        }
      });
      out.add(perturbed.toString());
    }
    return out;
  }
}
