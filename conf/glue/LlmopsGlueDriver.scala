// The ScriptLocation of every llmops Glue job. Glue has no Java job type: a Scala glueetl job
// compiles this script, puts the shaded jar (--extra-jars) on the classpath and calls main with its
// own arguments next to the job's (--llmops_job drift --job_type SNAPSHOT ...). llmops.Main drops
// Glue's, parses the rest and returns the exit code; an exception is the only way a Scala Glue job
// reports failure, so any code but 0 throws and Glue marks the run FAILED with this message.
// The build compiles this file (scala-maven-plugin) and a test runs it, so it cannot rot.
object LlmopsGlueDriver {
  def main(sysArgs: Array[String]): Unit = {
    val code = llmops.Main.run(sysArgs)
    if (code != 0) {
      throw new RuntimeException(s"llmops exited with code $code (1: the job failed, 2: bad arguments, " +
        "3: the SNAPSHOT's verdict is drift under --fail_on_drift); the job's last output line says why")
    }
  }
}
