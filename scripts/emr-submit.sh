#!/usr/bin/env bash
# Submits an llmops job to Amazon EMR: as a step on a running EMR cluster (spark-submit in cluster
# deploy mode through command-runner.jar) or as an EMR Serverless job run. The job name and its
# flags are the same as after the jar in spark-submit and as with scripts/llmops.
set -euo pipefail

PROJECT_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
LOCAL_JAR="${PROJECT_DIR}/target/llmops-spark-0.1.0-cluster.jar"
MAIN_CLASS=llmops.Main
# shellcheck source=scripts/lib/dry-run.sh
source "${PROJECT_DIR}/scripts/lib/dry-run.sh"

usage() {
  cat <<'EOF'
Usage:
  scripts/emr-submit.sh --cluster-id j-XXXXXXXX --jar s3://BUCKET/PATH.jar [options] <job> [--flag value ...]
  scripts/emr-submit.sh --application-id APP_ID --execution-role-arn ARN --jar s3://BUCKET/PATH.jar [options] <job> [--flag value ...]

Runs <job> (drift, distance, embed, eval, ...) with its flags on EMR 7.x: as a step on the cluster
(aws emr add-steps; command-runner.jar spark-submit --deploy-mode cluster), or as an EMR Serverless
job run (aws emr-serverless start-job-run) on the application.

Options:
  --cluster-id ID            EMR cluster to add the step to
  --application-id ID        EMR Serverless application to start the job run on
  --execution-role-arn ARN   EMR Serverless: the job run's role (e.g. one with conf/iam/llmops-<job>.json)
  --jar S3_URI               where the shaded jar is (or goes, with --upload)
  --upload                   first copy target/llmops-spark-0.1.0-cluster.jar (mvn package) to --jar
  --name NAME                step / job run name (default: llmops-<job>)
  --conf KEY=VALUE           a Spark property for spark-submit; repeatable
  --log-uri S3_URI           EMR Serverless: where the driver's and executors' logs go
  --wait                     poll until the step / job run ends; exit 1 unless it succeeded
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
spark_confs=()
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
        --conf) spark_confs+=(--conf "$2") ;;
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
[[ "${jar}" == s3://* ]] || fail "--jar must be an s3:// URI (got '${jar}')"


# The AWS CLI takes these structures as JSON; Python's json module quotes the job's arguments exactly.
json() {
  python3 -c "$1" "${@:2}"
}

if ${upload}; then
  ${dry_run} || [[ -f "${LOCAL_JAR}" ]] || fail "${LOCAL_JAR} is missing: run mvn package first"
  aws_call s3 cp "${LOCAL_JAR}" "${jar}"
fi

terminal=""
if [[ -n "${cluster_id}" ]]; then
  steps=$(json 'import json, sys
name, main_class, jar, rest = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4:]
split = rest.index("--")
confs, job = rest[:split], rest[split + 1:]
args = ["spark-submit", "--deploy-mode", "cluster", "--class", main_class, *confs, jar, *job]
print(json.dumps([{"Type": "CUSTOM_JAR", "Name": name, "ActionOnFailure": "CONTINUE", "Jar": "command-runner.jar", "Args": args}]))' \
    "${name}" "${MAIN_CLASS}" "${jar}" "${spark_confs[@]}" -- "${job_args[@]}")
  run_id=$(aws_call emr add-steps --cluster-id "${cluster_id}" --steps "${steps}" --query 'StepIds[0]' --output text)
  # A dry run's "id" is the printed call: show it, and name the step in the calls that follow.
  if ${dry_run}; then
    echo "${run_id}"
    run_id=STEP_ID
  fi
  echo "submitted step ${run_id} to cluster ${cluster_id}" >&2
  poll() { aws_call emr describe-step --cluster-id "${cluster_id}" --step-id "${run_id}" --query Step.Status.State --output text; }
  details() { aws_call emr describe-step --cluster-id "${cluster_id}" --step-id "${run_id}" --query Step.Status.FailureDetails; }
  terminal="COMPLETED CANCELLED FAILED INTERRUPTED"
  success=COMPLETED
else
  driver=$(json 'import json, sys
main_class, jar, rest = sys.argv[1], sys.argv[2], sys.argv[3:]
split = rest.index("--")
confs, job = rest[:split], rest[split + 1:]
print(json.dumps({"sparkSubmit": {"entryPoint": jar, "entryPointArguments": job,
                                  "sparkSubmitParameters": " ".join(["--class", main_class, *confs])}}))' \
    "${MAIN_CLASS}" "${jar}" "${spark_confs[@]}" -- "${job_args[@]}")
  overrides=()
  if [[ -n "${log_uri}" ]]; then
    overrides=(--configuration-overrides "$(json 'import json, sys
print(json.dumps({"monitoringConfiguration": {"s3MonitoringConfiguration": {"logUri": sys.argv[1]}}}))' "${log_uri}")")
  fi
  run_id=$(aws_call emr-serverless start-job-run --application-id "${application_id}" --execution-role-arn "${role_arn}" \
    --name "${name}" --job-driver "${driver}" "${overrides[@]}" --query jobRunId --output text)
  if ${dry_run}; then
    echo "${run_id}"
    run_id=JOB_RUN_ID
  fi
  echo "started job run ${run_id} on application ${application_id}" >&2
  poll() { aws_call emr-serverless get-job-run --application-id "${application_id}" --job-run-id "${run_id}" --query jobRun.state --output text; }
  details() { aws_call emr-serverless get-job-run --application-id "${application_id}" --job-run-id "${run_id}" --query jobRun.stateDetails --output text; }
  terminal="SUCCESS FAILED CANCELLED"
  success=SUCCESS
fi

if ! ${wait}; then
  exit 0
fi
if ${dry_run}; then
  poll
  details
  exit 0
fi
# Steps and job runs take minutes; a poll every LLMOPS_POLL_SECONDS (default 30) is well inside the API's rate limits.
while true; do
  state=$(poll)
  if [[ " ${terminal} " == *" ${state} "* ]]; then
    break
  fi
  sleep "${LLMOPS_POLL_SECONDS:-30}"
done
echo "${name} ${run_id}: ${state}" >&2
if [[ "${state}" != "${success}" ]]; then
  details >&2
  exit 1
fi
