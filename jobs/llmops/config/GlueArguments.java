package llmops.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * AWS Glue passes its own arguments to every job run next to the job's ({@code --JOB_NAME x},
 * {@code --job-bookmark-option y}, {@code --TempDir s3://...}, ...). They are dropped here so the
 * job's own parser can still reject a misspelt flag of ours instead of ignoring every unknown one.
 * Glue passes only {@code --key value} pairs, so a Glue job names its subcommand with
 * {@code --llmops_job drift}; it is moved to the front, where spark-submit users write it.
 */
public final class GlueArguments {
  /** Glue's special job parameters, from the Glue documentation's list of reserved names. */
  private static final Set<String> RESERVED = Set.of(
      "--job-bookmark-option", "--job-bookmark-from", "--job-bookmark-to", "--job-language",
      "--TempDir", "--scriptLocation", "--class", "--extra-jars", "--extra-files", "--extra-py-files",
      "--user-jars-first", "--additional-python-modules", "--python-modules-installer-option",
      "--datalake-formats", "--conf", "--encryption-type", "--spark-event-logs-path",
      "--customer-driver-env-vars", "--customer-executor-env-vars", "--disable-proxy-v2",
      "--executor-cores", "--write-shuffle-files-to-s3", "--write-shuffle-spills-to-s3",
      "--shuffle-storage-path", "--redshift-tmp-dir", "--auto-scale-within-microbatch",
      "--continuous-log-logGroup", "--continuous-log-logStreamPrefix", "--continuous-log-conversionPattern");
  private static final List<String> RESERVED_PREFIXES = List.of("--enable-", "--continuous-log-", "--job-bookmark-");

  /** The Glue argument that names the job ({@code drift}, {@code distance}, ...): Glue has no positional arguments. */
  public static final String JOB = "--llmops_job";

  private GlueArguments() {}

  /** The arguments the CLI parses: Glue's own dropped, and the job named by {@value #JOB}, if any, put first. */
  public static String[] jobArguments(String[] args) {
    List<String> rest = new ArrayList<>(List.of(withoutGlueArguments(args)));
    int at = rest.indexOf(JOB);
    if (at < 0 || at + 1 == rest.size()) {
      return rest.toArray(new String[0]); // without a job name the parser rejects the flag itself: exit code 2
    }
    String job = rest.remove(at + 1);
    rest.remove(at);
    rest.add(0, job);
    return rest.toArray(new String[0]);
  }

  /** The arguments without Glue's own; Glue's all-capital names (--JOB_NAME, --JOB_ID, --JOB_RUN_ID, ...) included. */
  public static String[] withoutGlueArguments(String[] args) {
    List<String> kept = new ArrayList<>();
    for (int i = 0; i < args.length; i++) {
      String arg = args[i];
      String name = arg.contains("=") ? arg.substring(0, arg.indexOf('=')) : arg;
      if (isGlueArgument(name)) {
        boolean valueFollows = !arg.contains("=") && i + 1 < args.length && !args[i + 1].startsWith("--");
        if (valueFollows) {
          i++;
        }
        continue;
      }
      kept.add(arg);
    }
    return kept.toArray(new String[0]);
  }

  static boolean isGlueArgument(String name) {
    if (!name.startsWith("--")) {
      return false;
    }
    String bare = name.substring(2);
    boolean allCapitals = !bare.isEmpty() && bare.equals(bare.toUpperCase()) && bare.chars().anyMatch(Character::isLetter);
    return allCapitals || RESERVED.contains(name) || RESERVED_PREFIXES.stream().anyMatch(name::startsWith);
  }
}
