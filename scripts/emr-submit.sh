#!/usr/bin/env bash
# Submits an llmops job to Amazon EMR: as a step on a running EMR cluster (spark-submit in cluster
# deploy mode through command-runner.jar) or as an EMR Serverless job run. The job name and its
# flags are the same as after the jar in spark-submit and as with scripts/llmops.
# Written for bash 3.2 too (macOS): an array that can be empty is expanded as ${a[@]+"${a[@]}"},
# since bash before 4.4 calls "${a[@]}" of an empty array unbound under set -u.
set -euo pipefail

PROJECT_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
LOCAL_JAR="${PROJECT_DIR}/target/llmops-spark-0.1.0-cluster.jar"
MAIN_CLASS=llmops.Main
# A failed job is not run a second time behind the scheduler's back: the scheduler's retry is the one to use.
ONE_ATTEMPT=spark.yarn.maxAppAttempts=1
# shellcheck source=scripts/lib/dry-run.sh
source "${PROJECT_DIR}/scripts/lib/dry-run.sh"
# shellcheck source=scripts/lib/aws-wait.sh
source "${PROJECT_DIR}/scripts/lib/aws-wait.sh"

usage() {
  cat <<'EOF'
Usage:
  scripts/emr-submit.sh --cluster-id j-XXXXXXXX --jar s3://BUCKET/PATH.jar [options] <job> [--flag value ...]
  scripts/emr-submit.sh --application-id APP_ID --execution-role-arn ARN --jar s3://BUCKET/PATH.jar [options] <job> [--flag value ...]

Runs <job> (drift, distance, embed, eval, ...) with its flags on EMR 7.x: as a step on the cluster
(aws emr add-steps; command-runner.jar spark-submit --deploy-mode cluster), or as an EMR Serverless
job run (aws emr-serverless start-job-run) on the application. Either way the run has one attempt
(spark.yarn.maxAppAttempts=1; EMR Serverless: also the retry policy's maxAttempts 1).

Options:
  --cluster-id ID            EMR cluster to add the step to
  --application-id ID        EMR Serverless application to start the job run on
  --execution-role-arn ARN   the role the job runs as (conf/cloudformation/llmops-roles.yaml: llmops-<job>).
                             EMR Serverless: required. EMR on EC2: the step's runtime role (the cluster needs
                             a security configuration with EnableApplicationScopedIAMRole); without it the
                             step runs as the cluster's instance profile, which then needs the job's policy
  --jar S3_URI               where the shaded jar is (or goes, with --upload)
  --upload                   first copy target/llmops-spark-0.1.0-cluster.jar (mvn package) to --jar
  --name NAME                step / job run name (default: llmops-<job>)
  --conf KEY=VALUE           a Spark property, passed as one value (spaces included); repeatable
  --log-uri S3_URI           EMR Serverless: where the driver's and executors' logs go
  --wait                     poll until the step / job run ends; exit 1 unless it succeeded, with the reason
  --dry-run                  print the AWS CLI calls, one per line, instead of making them
  -h, --help                 this text

Example:
  scripts/emr-submit.sh --cluster-id j-2AXXXXXXGAPLF --jar s3://my-artifacts/llmops/llmops-spark-0.1.0-cluster.jar \
    --upload --wait drift --job_type BASELINE --series reference --data_path s3://my-data/embeddings/reference/baseline/
EOF
}

fail() {
  echo "emr-submit.sh: $*" >&2
  echo "Run scripts/emr-submit.sh --help for usage." >&2
  exit 2
}

cluster_id="" application_id="" role_arn="" jar="" name="" log_uri=""
upload=false wait=false
spark_confs=("${ONE_ATTEMPT}")
while [[ $# -gt 0 ]]; do
  case "$1" in
    -h|--help) usage; exit 0 ;;
    --cluster-id|--application-id|--execution-role-arn|--jar|--name|--conf|--log-uri)
      [[ $# -ge 2 ]] || fail "$1 needs a value"
      case "$1" in
        --cluster-id) cluster_id=$2 ;;
        --application-id) application_id=$2 ;;
        --execution-role-arn) role_arn=$2 ;;
        --jar) jar=$2 ;;
        --name) name=$2 ;;
        --conf)
          [[ "$2" == ?*=* ]] || fail "--conf takes KEY=VALUE (got '$2')"
          spark_confs+=("$2") ;;
        --log-uri) log_uri=$2 ;;
      esac
      shift 2 ;;
    --upload) upload=true; shift ;;
    --wait) wait=true; shift ;;
    --dry-run) dry_run=true; shift ;;
    -*) fail "unknown option $1" ;;
    *) break ;;
  esac
done

[[ $# -ge 1 ]] || fail "name the job to run (drift, distance, embed, eval, ...)"
job_args=("$@")
name=${name:-llmops-$1}
[[ -n "${cluster_id}" || -n "${application_id}" ]] || fail "give --cluster-id (EMR on EC2) or --application-id (EMR Serverless)"
[[ -z "${cluster_id}" || -z "${application_id}" ]] || fail "give --cluster-id or --application-id, not both"
[[ -z "${application_id}" || -n "${role_arn}" ]] || fail "EMR Serverless needs --execution-role-arn"
[[ -z "${log_uri}" || -n "${application_id}" ]] || fail "--log-uri is for EMR Serverless (a cluster's log URI is set when it is created)"
[[ "${jar}" == s3://* ]] || fail "--jar must be an s3:// URI (got '${jar}')"

# The AWS CLI takes these structures as JSON; Python's json module quotes every value exactly, so a
# --conf value or a job argument with spaces or quotes arrives as one value. The Spark properties and
# the job's arguments are separated by a "--" argument.

# The add-steps --steps list: one command-runner.jar step running spark-submit with each property as one --conf argument.
step_json() {
  python3 - "${name}" "${MAIN_CLASS}" "${jar}" "${spark_confs[@]}" -- "${job_args[@]}" <<'EOF'
import json, sys
name, main_class, jar, rest = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4:]
split = rest.index("--")
confs, job = rest[:split], rest[split + 1:]
args = ["spark-submit", "--deploy-mode", "cluster", "--class", main_class]
for conf in confs:
    args += ["--conf", conf]
args += [jar, *job]
print(json.dumps([{"Type": "CUSTOM_JAR", "Name": name, "ActionOnFailure": "CONTINUE", "Jar": "command-runner.jar", "Args": args}]))
EOF
}

# The start-job-run --job-driver: sparkSubmitParameters is one string that EMR Serverless splits at
# spaces, so it carries only the main class; the properties go in the spark-defaults classification.
job_driver_json() {
  python3 - "${MAIN_CLASS}" "${jar}" "${job_args[@]}" <<'EOF'
import json, sys
main_class, jar, job = sys.argv[1], sys.argv[2], sys.argv[3:]
print(json.dumps({"sparkSubmit": {"entryPoint": jar, "entryPointArguments": job, "sparkSubmitParameters": "--class " + main_class}}))
EOF
}

# The start-job-run --configuration-overrides: the Spark properties (spark-defaults, a later --conf of
# the same key wins, as in spark-submit) and, with --log-uri, where the logs go.
overrides_json() {
  python3 - "${log_uri}" "${spark_confs[@]}" <<'EOF'
import json, sys
log_uri, confs = sys.argv[1], sys.argv[2:]
overrides = {"applicationConfiguration": [{"classification": "spark-defaults",
                                           "properties": dict(conf.split("=", 1) for conf in confs)}]}
if log_uri:
    overrides["monitoringConfiguration"] = {"s3MonitoringConfiguration": {"logUri": log_uri}}
print(json.dumps(overrides))
EOF
}

if ${upload}; then
  ${dry_run} || [[ -f "${LOCAL_JAR}" ]] || fail "${LOCAL_JAR} is missing: run mvn package first"
  aws_call s3 cp "${LOCAL_JAR}" "${jar}"
fi

if [[ -n "${cluster_id}" ]]; then
  runtime_role=()
  if [[ -n "${role_arn}" ]]; then
    runtime_role=(--execution-role-arn "${role_arn}")
  fi
  run_id=$(aws_call emr add-steps --cluster-id "${cluster_id}" --steps "$(step_json)" ${runtime_role[@]+"${runtime_role[@]}"} \
    --query 'StepIds[0]' --output text)
  # A dry run's "id" is the printed call: show it, and name the step in the calls that follow.
  if ${dry_run}; then
    echo "${run_id}"
    run_id=STEP_ID
  fi
  echo "submitted step ${run_id} to cluster ${cluster_id}" >&2
  poll() { aws_call emr describe-step --cluster-id "${cluster_id}" --step-id "${run_id}" --query Step.Status.State --output text; }
  # EMR puts the cause in FailureDetails (with the log file that shows it) and a summary in StateChangeReason.
  details() {
    aws_call emr describe-step --cluster-id "${cluster_id}" --step-id "${run_id}" \
      --query 'Step.Status.{Reason: StateChangeReason.Message, Failure: FailureDetails.Reason, Message: FailureDetails.Message, LogFile: FailureDetails.LogFile}'
  }
  if ${wait}; then
    wait_for_run "${name} ${run_id}" COMPLETED "CANCELLED FAILED INTERRUPTED" poll details
  fi
else
  # maxAttempts 1 is EMR Serverless's default for batch runs; said here so that a run never depends on it.
  run_id=$(aws_call emr-serverless start-job-run --application-id "${application_id}" --execution-role-arn "${role_arn}" \
    --name "${name}" --job-driver "$(job_driver_json)" --configuration-overrides "$(overrides_json)" \
    --retry-policy maxAttempts=1 --query jobRunId --output text)
  if ${dry_run}; then
    echo "${run_id}"
    run_id=JOB_RUN_ID
  fi
  echo "started job run ${run_id} on application ${application_id}" >&2
  poll() { aws_call emr-serverless get-job-run --application-id "${application_id}" --job-run-id "${run_id}" --query jobRun.state --output text; }
  details() { aws_call emr-serverless get-job-run --application-id "${application_id}" --job-run-id "${run_id}" --query jobRun.stateDetails --output text; }
  if ${wait}; then
    wait_for_run "${name} ${run_id}" SUCCESS "FAILED CANCELLED" poll details
  fi
fi
