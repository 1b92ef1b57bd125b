package llmops.aws;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import llmops.Main;
import llmops.config.GlueArguments;
import llmops.drift.DriftJob;
import llmops.testing.Processes;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * The Airflow DAG, read without Airflow (not installable here): it compiles, and
 * scripts/checks/check_dag.py reports its DAGs, edges and job arguments, which are checked here.
 */
class DagTest {
  private static final String DAG = "dags/llmops_dag.py";
  private static JsonNode dag;

  @BeforeAll
  static void readTheDag() throws Exception {
    Processes.Result checked = Processes.run("python3", "scripts/checks/check_dag.py", DAG);
    assertEquals(0, checked.exitCode(), checked.stderr());
    dag = new ObjectMapper().readTree(checked.stdout());
  }

  @Test
  void compiles() throws Exception {
    Processes.Result compiled = Processes.run("python3", "-c", "import py_compile, sys; py_compile.compile(sys.argv[1], cfile='target/llmops_dag.pyc', doraise=True)", DAG);
    assertEquals(0, compiled.exitCode(), compiled.stderr());
  }

  @Test
  void definesADailyDriftDagAndAWeeklyEvaluationDag() {
    assertEquals(List.of("llmops_daily_drift", "llmops_weekly_eval"), texts(dag.get("dag_ids")));
  }

  @Test
  void snapshotsOfReferenceAndPromptsBranchOnTheirVerdictsAndTheDistanceJobFollowsBoth() {
    Set<String> expected = new TreeSet<>(List.of(
        "reference_snapshot -> reference_verdict", "reference_verdict -> reference_drift", "reference_verdict -> reference_stable",
        "prompt_snapshot -> prompt_verdict", "prompt_verdict -> prompt_drift", "prompt_verdict -> prompt_stable",
        "reference_drift -> prompt_distance", "reference_stable -> prompt_distance",
        "prompt_drift -> prompt_distance", "prompt_stable -> prompt_distance"));
    assertEquals(expected, edges(dag.get("daily_edges")));
    assertEquals(Set.of(), edges(dag.get("weekly_edges")));
  }

  @Test
  void theVerdictsReadTheSnapshotsExitCodeOfADrift() {
    assertEquals(DriftJob.DRIFT_EXIT_CODE, dag.get("drift_exit_code").asInt());
    assertEquals(List.of("reference_snapshot", "reference_drift", "reference_stable"), texts(dag.at("/verdicts/reference_verdict")));
    assertEquals(List.of("prompt_snapshot", "prompt_drift", "prompt_stable"), texts(dag.at("/verdicts/prompt_verdict")));
    for (String snapshot : List.of("reference_snapshot", "prompt_snapshot")) {
      List<String> args = texts(dag.at("/job_args/" + snapshot));
      assertEquals(List.of("drift", "--job_type", "SNAPSHOT"), args.subList(0, 3));
      assertTrue(args.contains("--fail_on_drift"), snapshot + " must exit " + DriftJob.DRIFT_EXIT_CODE + " on drift");
    }
  }

  @Test
  void everyJobArgumentListParsesWithTheJobsOwnParser() {
    Map<String, String> jobs = new TreeMap<>();
    dag.get("job_args").fields().forEachRemaining(e -> jobs.put(e.getKey(), parsedJob(texts(e.getValue()))));
    assertEquals(Map.of("reference_snapshot", "drift", "prompt_snapshot", "drift", "prompt_distance", "distance", "weekly_eval", "eval"), jobs);
  }

  @Test
  void everyGlueJobRunsArgumentsParseAsGlueWouldPassThem() {
    dag.get("glue_args").fields().forEachRemaining(e -> {
      List<String> glueArgs = new ArrayList<>(List.of("--JOB_ID", "j_1", "--JOB_RUN_ID", "jr_1"));
      e.getValue().fields().forEachRemaining(a -> {
        glueArgs.add(a.getKey());
        glueArgs.add(a.getValue().asText());
      });
      assertEquals(texts(dag.at("/job_args/" + e.getKey())).get(0),
          parsedJob(List.of(GlueArguments.jobArguments(glueArgs.toArray(new String[0])))), e.getKey());
    });
  }

  @Test
  void everyGlueJobItRunsIsDefinedInConfGlue() {
    dag.get("glue_jobs").fields().forEachRemaining(e ->
        assertTrue(Files.exists(Path.of("conf/glue", e.getValue().asText() + ".json")), e.getValue().asText()));
  }

  /** The job name the CLI parses from the arguments; a flag it does not accept fails the test. */
  private static String parsedJob(List<String> args) {
    CommandLine.ParseResult parsed = new CommandLine(new Main()).setCaseInsensitiveEnumValuesAllowed(true).parseArgs(args.toArray(new String[0]));
    return parsed.subcommand().commandSpec().name();
  }

  private static List<String> texts(JsonNode array) {
    List<String> texts = new ArrayList<>();
    array.forEach(n -> texts.add(n.asText()));
    return texts;
  }

  private static Set<String> edges(JsonNode pairs) {
    Set<String> edges = new TreeSet<>();
    pairs.forEach(p -> edges.add(p.get(0).asText() + " -> " + p.get(1).asText()));
    return edges;
  }
}
