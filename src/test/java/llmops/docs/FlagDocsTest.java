package llmops.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import llmops.Main;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;

/**
 * Each job's page in docs/ names exactly the flags the CLI has: its usage block lists every option
 * picocli declares and no other, and where a flag table gives a literal default it is picocli's.
 * picocli's own {@code --help} is the reference; this keeps the prose in step with it.
 */
class FlagDocsTest {
  private static final Pattern FLAG = Pattern.compile("--[a-z][a-z0-9_]*");
  private static final Pattern USAGE = Pattern.compile("```bash\\n(scripts/llmops (\\S+) .*?)```", Pattern.DOTALL);
  private static final Pattern TABLE_ROW = Pattern.compile("^\\| `(--[a-z0-9_]+)` \\| `([^`|]*)` \\|", Pattern.MULTILINE);

  static Stream<Arguments> jobPages() {
    return Stream.of(
        Arguments.of("drift", "docs/drift.md"), Arguments.of("distance", "docs/distance.md"),
        Arguments.of("embed", "docs/embed.md"), Arguments.of("eval", "docs/eval.md"),
        Arguments.of("report", "docs/report.md"), Arguments.of("sample-data", "docs/sample-data.md"),
        Arguments.of("results", "docs/sample-data.md"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("jobPages")
  void theUsageBlockListsEveryFlagOfTheJobAndNoOther(String job, String page) throws Exception {
    assertEquals(declaredFlags(job), usageFlags(job, Files.readString(Path.of(page))), page + ", usage of " + job);
  }

  /** The pages whose flag table (| flag | default | meaning |) gives literal defaults; report's gives only prose ones. */
  static Stream<Arguments> flagTables() {
    return Stream.of(Arguments.of("drift", "docs/drift.md"), Arguments.of("embed", "docs/embed.md"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("flagTables")
  void literalDefaultsInFlagTablesArePicocliDefaults(String job, String page) throws Exception {
    Map<String, String> declared = declaredDefaults(job);
    Matcher row = TABLE_ROW.matcher(Files.readString(Path.of(page)));
    int checked = 0;
    while (row.find()) {
      if (declared.containsKey(row.group(1))) {
        assertEquals(declared.get(row.group(1)), row.group(2), page + ": default of " + row.group(1));
        checked++;
      }
    }
    assertTrue(checked > 0, page + ": no flag table row with a literal default");
  }

  private static Set<String> usageFlags(String job, String page) {
    List<String> blocks = new ArrayList<>();
    Matcher usage = USAGE.matcher(page);
    while (usage.find()) {
      if (usage.group(2).equals(job)) {
        blocks.add(usage.group(1));
      }
    }
    assertTrue(!blocks.isEmpty(), "no usage block 'scripts/llmops " + job + " ...'");
    Set<String> flags = new TreeSet<>();
    for (String block : blocks) {
      Matcher flag = FLAG.matcher(block);
      while (flag.find()) {
        flags.add(flag.group());
      }
    }
    return flags;
  }

  private static List<OptionSpec> options(String job) {
    CommandLine command = new CommandLine(new Main()).getSubcommands().get(job);
    return command.getCommandSpec().options().stream()
        .filter(option -> !option.usageHelp() && !option.versionHelp()).toList();
  }

  private static Set<String> declaredFlags(String job) {
    Set<String> flags = new TreeSet<>();
    for (OptionSpec option : options(job)) {
      if (!option.hidden()) {
        flags.add(option.longestName());
      }
    }
    return flags;
  }

  private static Map<String, String> declaredDefaults(String job) {
    Map<String, String> defaults = new TreeMap<>();
    for (OptionSpec option : options(job)) {
      // A default is declared in the annotation or, where a job is also built in code (drift's BASELINE
      // fitted by the distance job), as the field's initial value; a switch's false is no default to document.
      String declared = option.defaultValueString();
      if (declared != null && option.type() != boolean.class) {
        for (String name : option.names()) {
          defaults.put(name, declared);
        }
      }
    }
    return defaults;
  }
}
