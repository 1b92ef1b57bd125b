package llmops.testing;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Runs {@code llmops.Main} in a JVM of its own, as spark-submit runs the jar on one machine: for
 * tests that need another Spark master, their own environment, or a job they can kill. It uses the
 * compiled classes and the build's classpath (target/classpath.txt), Spark's JVM flags from the
 * POM, the project's log4j configuration, and the tests' DynamoDB Local with local credentials
 * (the caller's {@code environment} is laid over those).
 */
public final class ChildJvm {
  private ChildJvm() {}

  public static Process start(String master, Path log, Map<String, String> environment, List<String> args) throws Exception {
    return start(master, log, environment, List.of(), args);
  }

  /** {@code jvmFlags} come after Spark's, e.g. {@code -Dspark.hadoop.k=v} to set what spark-submit's {@code --conf} would. */
  public static Process start(String master, Path log, Map<String, String> environment, List<String> jvmFlags, List<String> args)
      throws Exception {
    List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
    command.addAll(List.of(sparkJvmFlags().split(" ")));
    command.addAll(jvmFlags);
    command.addAll(List.of("-Dllmops.master=" + master, "-Dlog4j2.configurationFile=conf/log4j2.properties",
        "-cp", "target/classes" + File.pathSeparator + Files.readString(Path.of("target/classpath.txt")).trim()
            // Last, so they shadow nothing: test-only plug-ins a test names, such as FailOnceFileSystem (the SDK
            // interceptor in there stays off unless a test in that JVM turns it on, which none does).
            + File.pathSeparator + "target/test-classes", "llmops.Main"));
    command.addAll(args);
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
    builder.environment().putAll(Map.of("LLMOPS_DYNAMODB_ENDPOINT", LocalServices.dynamoDb().toString(), "AWS_ACCESS_KEY_ID", "local",
        "AWS_SECRET_ACCESS_KEY", "local", "AWS_REGION", "us-east-1"));
    builder.environment().putAll(environment);
    return builder.start();
  }

  /** Runs the job to its end and returns its exit code (its output is in {@code log}). */
  public static int run(String master, Path log, Map<String, String> environment, List<String> args) throws Exception {
    return start(master, log, environment, args).waitFor();
  }

  public static int run(String master, Path log, Map<String, String> environment, List<String> jvmFlags, List<String> args)
      throws Exception {
    return start(master, log, environment, jvmFlags, args).waitFor();
  }

  /** Spark's JVM flags from the POM (spark-submit adds the same on Java 17). */
  static String sparkJvmFlags() throws IOException {
    String pom = Files.readString(Path.of("pom.xml"));
    return pom.replaceAll("(?s).*<spark.jvm.flags>(.*?)</spark.jvm.flags>.*", "$1").trim();
  }
}
