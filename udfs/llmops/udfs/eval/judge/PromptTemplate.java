package llmops.udfs.eval.judge;

import java.io.Serializable;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A judge prompt kept as text (the files in {@code conf/judge-prompts/}): instructions with
 * {@code {{slot}}} placeholders, each slot inside tags such as {@code <answer>...</answer>}. Filling it
 * defuses, inside the data, any text that would open or close one of the template's own tags ({@code <}
 * becomes {@code &lt;}), so an answer or a retrieved context cannot end its section and pose as
 * instructions. A template must use exactly the slots its caller fills: a missing or unknown slot is an
 * error when it is read, not a prompt with a hole in it.
 */
public final class PromptTemplate implements Serializable {
  private static final Pattern SLOT = Pattern.compile("\\{\\{([a-z_]+)}}");
  private static final Pattern TAG = Pattern.compile("</?([a-z_]+)>");

  private final String name;
  private final String text;
  private final Pattern ownTags;

  /** {@code name} says where the text came from, in errors; {@code slots} are the placeholders it must hold. */
  public PromptTemplate(String name, String text, Set<String> slots) {
    this.name = name;
    this.text = text;
    Set<String> found = new TreeSet<>();
    Matcher m = SLOT.matcher(text);
    while (m.find()) {
      found.add(m.group(1));
    }
    if (!found.equals(new TreeSet<>(slots))) {
      throw new IllegalArgumentException(name + ": the prompt must have the placeholders " + new TreeSet<>(slots).stream().map(s -> "{{" + s + "}}").toList()
          + ", found " + found.stream().map(s -> "{{" + s + "}}").toList());
    }
    Set<String> tags = new LinkedHashSet<>();
    Matcher t = TAG.matcher(text);
    while (t.find()) {
      tags.add(Pattern.quote(t.group(1)));
    }
    ownTags = tags.isEmpty() ? null : Pattern.compile("(?i)<(/?)(" + String.join("|", tags) + ")\\b");
  }

  public String name() {
    return name;
  }

  /** The prompt with every slot filled by its value, the values defused. */
  public String fill(Map<String, String> values) {
    Matcher m = SLOT.matcher(text);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      String value = values.get(m.group(1));
      if (value == null) {
        throw new IllegalArgumentException(name + ": no value for {{" + m.group(1) + "}}");
      }
      m.appendReplacement(out, Matcher.quoteReplacement(defused(value)));
    }
    m.appendTail(out);
    return out.toString();
  }

  private String defused(String value) {
    return ownTags == null ? value : ownTags.matcher(value).replaceAll("&lt;$1$2");
  }

  /** Items one a line, numbered from 1, as the prompts that ask for one verdict per item list them. */
  public static String numbered(List<String> items) {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < items.size(); i++) {
      out.append(i + 1).append(". ").append(items.get(i).strip().replace('\n', ' ')).append(i + 1 < items.size() ? "\n" : "");
    }
    return out.toString();
  }
}
