# shellcheck shell=bash
# The benchmarks run the jobs and their drivers from this checkout's compiled classes rather than the jar, so
# that the test suite can smoke-run them inside Maven's test phase, where there is no jar yet and Maven must
# not start again. Expects PROJECT_DIR.
#   use_compiled_classes BUILD   runs `mvn test-compile` when BUILD is 1 (a benchmark's --no_build passes 0), then
#                                sets CLASSES_JAVA: java with Spark's flags for Java 17, the log configuration and
#                                the classpath (main classes, then the test classes: the benchmarks' drivers and peers)
#   "${CLASSES_JAVA[@]}" -Xmx4g -Dllmops.master=local[2] llmops.Main drift ...

use_compiled_classes() {
  if [[ $1 == 1 ]]; then
    echo "compiling (mvn test-compile)..." >&2
    (cd "${PROJECT_DIR}" && mvn -q -B test-compile >&2)
  fi
  local spark_jvm_flags
  # The flags Spark needs on Java 17, read from the build so that there is one list (as scripts/llmops does).
  spark_jvm_flags=$(sed -n 's:.*<spark.jvm.flags>\(.*\)</spark.jvm.flags>.*:\1:p' "${PROJECT_DIR}/pom.xml")
  # SC2206: the flag list is meant to split into words; SC2034: the scripts that source this file use it.
  # shellcheck disable=SC2206,SC2034
  CLASSES_JAVA=(java ${spark_jvm_flags} -Dlog4j2.configurationFile="${PROJECT_DIR}/conf/log4j2.properties"
    -cp "${PROJECT_DIR}/target/classes:${PROJECT_DIR}/target/test-classes:$(cat "${PROJECT_DIR}/target/classpath.txt")")
}
