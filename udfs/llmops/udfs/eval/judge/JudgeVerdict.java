package llmops.udfs.eval.judge;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.Serializable;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a judge model's free-text reply says about the rubric's score: the score (a number, or a label and
 * no number) normalised to 0..1, or why no score could be taken, never a guess. The rules, in order:
 * <ol>
 *   <li>JSON objects anywhere in the reply (in ```json fences, before or after prose; single quotes and
 *       trailing commas tolerated) with a {@code score} or {@code rating} field, in any case and at any
 *       depth: their values decide, and the prose is not read.</li>
 *   <li>Otherwise the prose's explicit statements: "Score: 4", "score of 4", "Rating: 4 out of 5",
 *       "Verdict: correct" (markdown asterisks ignored).</li>
 *   <li>Otherwise a fraction, "4/5" or "4 out of 5"; for a labelled scale, the labels named in the reply
 *       as whole words (the longest first, so "partially correct" is not also "correct").</li>
 *   <li>Otherwise a reply that is nothing but a number, e.g. "4" or "4.".</li>
 * </ol>
 * Every statement found at the deciding step must be on the scale and they must agree: a score outside
 * the scale, a fraction of another scale ("8/10" on 1..5), a fractional score on a whole-number scale,
 * a number for a labelled scale, or two different scores is a failure with its reason.
 */
public record JudgeVerdict(Double score, String label, Double normalised, String failure) implements Serializable {
  private static final String NUMBER = "[-+]?\\d+(?:\\.\\d+)?";
  private static final String KEYWORD = "(?i)\\b(?:score|rating|rated|grade|verdict|label)\\b[ \\t]*(?:is|of|:|=)?[ \\t]*";
  private static final Pattern KEYWORD_NUMBER =
      Pattern.compile(KEYWORD + "(" + NUMBER + ")(?:\\s*(?:/|out of)\\s*(" + NUMBER + "))?");
  private static final Pattern FRACTION =
      Pattern.compile("(?<!\\d|\\d\\.)(" + NUMBER + ")\\s*(?:/|(?i:out of))\\s*(" + NUMBER + ")(?!\\d|\\.\\d)");
  private static final Pattern KEYWORD_START = Pattern.compile(KEYWORD);
  private static final Pattern BARE_NUMBER = Pattern.compile("[\"'`]?(" + NUMBER + ")[\"'`]?\\.?");

  public boolean ok() {
    return failure == null;
  }

  public static JudgeVerdict parse(JudgeRubric rubric, String reply) {
    if (reply == null || reply.isBlank()) {
      return failed("the reply is empty");
    }
    List<JsonNode> jsonScores = jsonScoreFields(reply);
    if (!jsonScores.isEmpty()) {
      List<JudgeVerdict> verdicts = new ArrayList<>();
      for (JsonNode value : jsonScores) {
        verdicts.add(value.isNumber() ? number(rubric, value.decimalValue(), null) : fromText(rubric, value.asText()));
      }
      return agreed(verdicts, "the reply's JSON");
    }
    String prose = reply.replace("*", "");
    List<JudgeVerdict> stated = rubric.isLabelled() ? keywordLabels(rubric, prose) : keywordNumbers(rubric, prose);
    if (!stated.isEmpty()) {
      return agreed(stated, "the reply");
    }
    List<JudgeVerdict> mentioned = rubric.isLabelled() ? labelMentions(rubric, prose) : fractions(rubric, prose);
    if (!mentioned.isEmpty()) {
      return agreed(mentioned, "the reply");
    }
    Matcher bare = BARE_NUMBER.matcher(prose.strip());
    if (bare.matches()) {
      return number(rubric, new BigDecimal(bare.group(1)), null);
    }
    return failed("no score found in the reply (expected " + rubric.describeScale() + ")");
  }

  /** The values of the score/rating fields of the JSON objects in the text. */
  private static List<JsonNode> jsonScoreFields(String text) {
    List<JsonNode> values = new ArrayList<>();
    JsonObjects.in(text).forEach(node -> collectScoreFields(node, values));
    return values;
  }

  /** Scalar score/rating fields at any depth, e.g. {"evaluation": {"score": 4}}. */
  private static void collectScoreFields(JsonNode node, List<JsonNode> values) {
    for (Iterator<Map.Entry<String, JsonNode>> fields = node.fields(); fields.hasNext(); ) {
      Map.Entry<String, JsonNode> field = fields.next();
      String key = field.getKey().strip().toLowerCase(Locale.ROOT);
      if ((key.equals("score") || key.equals("rating")) && field.getValue().isValueNode()) {
        values.add(field.getValue());
      } else if (field.getValue().isContainerNode()) {
        collectScoreFields(field.getValue(), values);
      }
    }
    if (node.isArray()) {
      node.forEach(element -> collectScoreFields(element, values));
    }
  }

  /** A JSON string value: "4", "4/5", "4 out of 5", or a label. */
  private static JudgeVerdict fromText(JudgeRubric rubric, String text) {
    String value = text.strip();
    if (rubric.isLabelled()) {
      String label = labelNamed(rubric, value);
      return label != null ? labelled(rubric, label) : failed("\"" + value + "\" is not " + rubric.describeScale());
    }
    Matcher fraction = FRACTION.matcher(value);
    if (fraction.matches()) {
      return number(rubric, new BigDecimal(fraction.group(1)), new BigDecimal(fraction.group(2)));
    }
    Matcher bare = BARE_NUMBER.matcher(value);
    if (bare.matches()) {
      return number(rubric, new BigDecimal(bare.group(1)), null);
    }
    return failed("\"" + value + "\" is not " + rubric.describeScale());
  }

  private static List<JudgeVerdict> keywordNumbers(JudgeRubric rubric, String prose) {
    List<JudgeVerdict> verdicts = new ArrayList<>();
    Matcher m = KEYWORD_NUMBER.matcher(prose);
    while (m.find()) {
      verdicts.add(number(rubric, new BigDecimal(m.group(1)), m.group(2) == null ? null : new BigDecimal(m.group(2))));
    }
    return verdicts;
  }

  private static List<JudgeVerdict> fractions(JudgeRubric rubric, String prose) {
    List<JudgeVerdict> verdicts = new ArrayList<>();
    Matcher m = FRACTION.matcher(prose);
    while (m.find()) {
      verdicts.add(number(rubric, new BigDecimal(m.group(1)), new BigDecimal(m.group(2))));
    }
    return verdicts;
  }

  /** "Verdict: partially correct": a label right after a keyword. */
  private static List<JudgeVerdict> keywordLabels(JudgeRubric rubric, String prose) {
    List<JudgeVerdict> verdicts = new ArrayList<>();
    Matcher m = KEYWORD_START.matcher(prose);
    while (m.find()) {
      String label = labelAt(rubric, prose, m.end());
      if (label != null) {
        verdicts.add(labelled(rubric, label));
      }
    }
    return verdicts;
  }

  /** Every label named in the prose as whole words, longer labels claiming their words first; in the order of the prose. */
  private static List<JudgeVerdict> labelMentions(JudgeRubric rubric, String prose) {
    TreeMap<Integer, JudgeVerdict> byPosition = new TreeMap<>();
    boolean[] claimed = new boolean[prose.length()];
    List<String> longestFirst = new ArrayList<>(rubric.labels());
    longestFirst.sort((a, b) -> Integer.compare(b.strip().length(), a.strip().length()));
    for (String label : longestFirst) {
      Matcher m = wholeWords(label.strip()).matcher(prose);
      while (m.find()) {
        boolean free = true;
        for (int i = m.start(); i < m.end(); i++) {
          free &= !claimed[i];
        }
        if (free) {
          for (int i = m.start(); i < m.end(); i++) {
            claimed[i] = true;
          }
          byPosition.put(m.start(), labelled(rubric, label));
        }
      }
    }
    return new ArrayList<>(byPosition.values());
  }

  /** The longest label that starts at the position as whole words, or null. */
  private static String labelAt(JudgeRubric rubric, String prose, int position) {
    String found = null;
    for (String label : rubric.labels()) {
      Matcher m = wholeWords(label.strip()).matcher(prose);
      if (m.region(position, prose.length()).lookingAt() && (found == null || label.strip().length() > found.strip().length())) {
        found = label;
      }
    }
    return found;
  }

  /** The label a whole value names (ignoring case, surrounding quotes and a final period), or null. */
  private static String labelNamed(JudgeRubric rubric, String value) {
    String bare = value.replaceAll("^[\"'`]+|[\"'`.]+$", "").strip();
    for (String label : rubric.labels()) {
      if (label.strip().equalsIgnoreCase(bare)) {
        return label;
      }
    }
    return null;
  }

  private static Pattern wholeWords(String label) {
    return Pattern.compile("(?<![\\p{L}\\p{N}_])" + Pattern.quote(label) + "(?![\\p{L}\\p{N}_])",
        Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
  }

  private static JudgeVerdict number(JudgeRubric rubric, BigDecimal value, BigDecimal outOf) {
    String shown = value.stripTrailingZeros().toPlainString();
    if (rubric.isLabelled()) {
      return failed(shown + " is a number; the scale is " + rubric.describeScale());
    }
    if (outOf != null && outOf.compareTo(BigDecimal.valueOf(rubric.max())) != 0) {
      return failed(shown + "/" + outOf.stripTrailingZeros().toPlainString() + " is on another scale than " + rubric.describeScale());
    }
    if (value.stripTrailingZeros().scale() > 0) {
      return failed(shown + " is not " + rubric.describeScale());
    }
    if (value.compareTo(BigDecimal.valueOf(rubric.min())) < 0 || value.compareTo(BigDecimal.valueOf(rubric.max())) > 0) {
      return failed(shown + " is outside the scale " + rubric.min() + ".." + rubric.max());
    }
    double score = value.doubleValue();
    return new JudgeVerdict(score, null, rubric.normalise(score), null);
  }

  private static JudgeVerdict labelled(JudgeRubric rubric, String label) {
    int position = rubric.labels().indexOf(label);
    return new JudgeVerdict(null, label, rubric.normalise(position), null);
  }

  private static JudgeVerdict failed(String reason) {
    return new JudgeVerdict(null, null, null, reason);
  }

  /** The first failure if any statement failed, else the one score they all give, else ambiguity. */
  private static JudgeVerdict agreed(List<JudgeVerdict> verdicts, String where) {
    Set<String> distinct = new LinkedHashSet<>();
    for (JudgeVerdict verdict : verdicts) {
      if (!verdict.ok()) {
        return verdict;
      }
      distinct.add(verdict.label != null ? "\"" + verdict.label + "\"" : BigDecimal.valueOf(verdict.score).stripTrailingZeros().toPlainString());
    }
    if (distinct.size() > 1) {
      return failed("ambiguous: " + where + " gives more than one score (" + String.join(", ", distinct) + ")");
    }
    return verdicts.get(0);
  }
}
