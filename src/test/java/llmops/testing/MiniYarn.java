package llmops.testing;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.hadoop.yarn.api.records.ApplicationAttemptReport;
import org.apache.hadoop.yarn.api.records.ApplicationReport;
import org.apache.hadoop.yarn.api.records.YarnApplicationState;
import org.apache.hadoop.yarn.client.api.YarnClient;
import org.apache.hadoop.yarn.conf.YarnConfiguration;

/**
 * A one-node YARN cluster (Hadoop's MiniYARNCluster, scripts/mini-yarn/MiniYarn.java) in a JVM of its
 * own, and {@code spark-submit --master yarn --deploy-mode cluster} against it as an EMR step runs it.
 * The classpaths come from scripts/mini-yarn/pom.xml, which the build resolves into target/mini-yarn
 * before the integration tests; the containers run Spark from the same local jars (spark.yarn.jars,
 * {@code local:}), so nothing is uploaded or downloaded. Started once per test JVM by
 * {@link LocalServices#yarn()}, stopped when that JVM exits.
 */
public final class MiniYarn {
  /** What spark-submit did (its exit code, as an EMR step reads it) and what YARN recorded of the application. */
  public record Submission(int submitExitCode, ApplicationReport application, List<ApplicationAttemptReport> attempts, Path submitLog) {}

  private static final Path DIR = Path.of("target", "mini-yarn");
  private static final Duration START_TIMEOUT = Duration.ofSeconds(120);
  private static final Duration RUN_TIMEOUT = Duration.ofMinutes(5);

  private final Path confDir;
  private final YarnConfiguration conf;
  private final YarnClient client;

  private MiniYarn(Path confDir) {
    this.confDir = confDir;
    this.conf = new YarnConfiguration();
    conf.addResource(new org.apache.hadoop.fs.Path(confDir.resolve("yarn-site.xml").toUri()));
    this.client = YarnClient.createYarnClient();
    client.init(conf);
    client.start();
  }

  static MiniYarn start() throws IOException, InterruptedException {
    Path confDir = DIR.resolve("conf").toAbsolutePath();
    Path yarnSite = confDir.resolve("yarn-site.xml");
    Files.deleteIfExists(yarnSite);
    // The node keeps a copy of the cluster jar (about 220 MB) per application: a new cluster starts from nothing.
    Path work = DIR.resolve("work");
    if (Files.exists(work)) {
      try (Stream<Path> files = Files.walk(work)) {
        files.sorted(Comparator.reverseOrder()).forEach(file -> file.toFile().delete());
      }
    }
    List<String> command = new ArrayList<>(List.of(java(), "-Xmx768m"));
    command.addAll(Arrays.asList(ChildJvm.sparkJvmFlags().split(" ")));
    command.addAll(List.of("-Dtest.build.data=" + work.toAbsolutePath(),
        "-cp", classpath("cluster.classpath"), "scripts/mini-yarn/MiniYarn.java", confDir.toString()));
    Path log = Path.of("target", "mini-yarn.log");
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
    // The NodeManager starts each container's JVM from $JAVA_HOME, one of the variables it passes on.
    builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
    Process process = builder.start();
    // Its standard input stays open while this JVM lives: MiniYarn.java stops the cluster when it closes.
    Runtime.getRuntime().addShutdownHook(new Thread(process::destroy));
    long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
    while (!Files.exists(yarnSite)) {
      if (!process.isAlive()) {
        throw new IllegalStateException("the mini YARN cluster exited with " + process.exitValue() + ":\n" + tail(log));
      }
      if (System.nanoTime() > deadline) {
        process.destroy();
        throw new IllegalStateException("the mini YARN cluster was not ready within " + START_TIMEOUT + ":\n" + tail(log));
      }
      Thread.sleep(250);
    }
    return new MiniYarn(confDir);
  }

  /**
   * Runs {@code spark-submit --master yarn --deploy-mode cluster --class llmops.Main JAR ARGS} to its end
   * (spark-submit waits for the application, as command-runner.jar's does on EMR) with 1 GiB for the
   * driver (the ApplicationMaster) and one 1 GiB executor; {@code sparkConf} adds {@code key=value}
   * settings. {@code amEnvironment} is set in the ApplicationMaster's environment
   * (spark.yarn.appMasterEnv.*), where the driver reads it.
   */
  public Submission submit(Path jar, Map<String, String> amEnvironment, List<String> sparkConf, List<String> args)
      throws IOException, InterruptedException {
    // YARN keeps an application's tags in lower case.
    String tag = "llmops-it-" + UUID.randomUUID().toString().toLowerCase();
    List<String> command = new ArrayList<>(List.of(java(), "-Xmx512m"));
    command.addAll(Arrays.asList(ChildJvm.sparkJvmFlags().split(" ")));
    command.addAll(List.of("-cp", confDir + File.pathSeparator + classpath("spark.classpath"), "org.apache.spark.deploy.SparkSubmit",
        "--master", "yarn", "--deploy-mode", "cluster", "--class", "llmops.Main",
        "--driver-memory", "1g", "--executor-memory", "1g", "--num-executors", "1", "--executor-cores", "1"));
    List<String> settings = new ArrayList<>(List.of(
        "spark.yarn.jars=" + Arrays.stream(classpath("spark.classpath").split(File.pathSeparator))
            .map(sparkJar -> "local:" + sparkJar).collect(Collectors.joining(",")),
        "spark.yarn.stagingDir=" + DIR.resolve("staging").toAbsolutePath().toUri(),
        "spark.yarn.tags=" + tag,
        // The driver and the executor bind to loopback (Spark's own UI is not needed here).
        "spark.yarn.appMasterEnv.SPARK_LOCAL_IP=127.0.0.1",
        "spark.executorEnv.SPARK_LOCAL_IP=127.0.0.1",
        "spark.ui.enabled=false"));
    amEnvironment.forEach((name, value) -> settings.add("spark.yarn.appMasterEnv." + name + "=" + value));
    settings.addAll(sparkConf);
    for (String setting : settings) {
      command.addAll(List.of("--conf", setting));
    }
    command.add(jar.toAbsolutePath().toString());
    command.addAll(args);

    Path log = Files.createTempFile(DIR, "spark-submit-", ".log");
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
    // Spark ships the files of YARN_CONF_DIR to the ApplicationMaster: that is how it finds the ResourceManager.
    builder.environment().put("YARN_CONF_DIR", confDir.toString());
    builder.environment().remove("HADOOP_CONF_DIR");
    Process submit = builder.start();
    if (!submit.waitFor(RUN_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
      submit.destroy();
      throw new IllegalStateException("spark-submit did not end within " + RUN_TIMEOUT + ":\n" + tail(log));
    }
    try {
      List<ApplicationReport> found = client.getApplications(EnumSet.allOf(YarnApplicationState.class)).stream()
          .filter(application -> application.getApplicationTags().contains(tag)).toList();
      if (found.size() != 1) {
        throw new IllegalStateException(found.size() + " applications tagged " + tag + "; spark-submit said:\n" + tail(log));
      }
      ApplicationReport application = found.get(0);
      return new Submission(submit.exitValue(), application, client.getApplicationAttempts(application.getApplicationId()), log);
    } catch (org.apache.hadoop.yarn.exceptions.YarnException e) {
      throw new IOException("the ResourceManager did not answer", e);
    }
  }

  /** A file a container wrote to its log directory on the node, e.g. the ApplicationMaster's stdout. */
  public Path containerLog(ApplicationAttemptReport attempt, String file) {
    String applicationId = attempt.getApplicationAttemptId().getApplicationId().toString();
    return Path.of(conf.get(YarnConfiguration.NM_LOG_DIRS), applicationId, attempt.getAMContainerId().toString(), file);
  }

  private static String classpath(String name) throws IOException {
    Path file = DIR.resolve(name);
    if (!Files.exists(file)) {
      throw new IllegalStateException(file + " is missing: the build writes it before the integration tests (mvn verify)");
    }
    return Files.readString(file).trim();
  }

  private static String tail(Path log) throws IOException {
    List<String> lines = Files.readAllLines(log);
    return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
  }

  private static String java() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }
}
