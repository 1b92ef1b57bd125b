#!/usr/bin/env bash
# Creates or updates the llmops AWS Glue jobs from their definitions in conf/glue/*.json, after
# filling in the account and buckets, and optionally uploads the shaded jar and the Glue driver script
# and starts a run of one of the jobs. Written for bash 3.2 too (macOS): an array that can be empty is
# expanded as ${a[@]+"${a[@]}"}, and no here-document sits inside a $(...).
set -euo pipefail

PROJECT_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
# shellcheck source=scripts/lib/dry-run.sh
source "${PROJECT_DIR}/scripts/lib/dry-run.sh"
# shellcheck source=scripts/lib/aws-wait.sh
source "${PROJECT_DIR}/scripts/lib/aws-wait.sh"
LOCAL_JAR="${PROJECT_DIR}/target/llmops-spark-0.1.0-cluster.jar"
DRIVER="${PROJECT_DIR}/conf/glue/LlmopsGlueDriver.scala"

usage() {
  cat <<'EOF'
Usage:
  scripts/glue-deploy.sh --account-id ID --artifact-bucket BUCKET --data-bucket BUCKET [options] [conf/glue/JOB.json ...]

Creates each Glue job that does not exist yet and updates the others (aws glue create-job /
update-job), from conf/glue/*.json unless files are named. In the definitions it replaces
${ACCOUNT_ID} (the roles' account), ${ARTIFACT_BUCKET} (the jar, the driver script, Glue's TempDir)
and ${DATA_BUCKET} (embeddings, evaluation data, outputs); the filled-in requests are written
under target/glue/.

Options:
  --account-id ID          AWS account that holds the roles llmops-drift, llmops-distance, llmops-eval
  --artifact-bucket NAME   bucket for s3://NAME/llmops/ (jar, LlmopsGlueDriver.scala) and s3://NAME/glue-temp/
  --data-bucket NAME       bucket the jobs read and write
  --glue-version V         5.0 (the definitions' default) or 5.1
  --upload                 first copy target/llmops-spark-0.1.0-cluster.jar and the driver script to s3://ARTIFACT_BUCKET/llmops/
  --start-run JOB_NAME     then start a run of that job (aws glue start-job-run)
  --run-arg KEY=VALUE      the run's argument --KEY (e.g. data_path=s3://...), over the job's default; repeatable
  --wait                   poll the run until it ends; exit 1 unless it SUCCEEDED, with Glue's error message
  --run-only               with --start-run: only start the run, creating or updating no job (no account
                           or buckets needed)
  --dry-run                print the AWS CLI calls, one per line, instead of making them
  -h, --help               this text
EOF
}

fail() {
  echo "glue-deploy.sh: $*" >&2
  echo "Run scripts/glue-deploy.sh --help for usage." >&2
  exit 2
}

account_id="" artifact_bucket="" data_bucket="" glue_version="" start_run=""
upload=false wait=false run_only=false
run_args=()
while [[ $# -gt 0 ]]; do
  case "$1" in
    -h|--help) usage; exit 0 ;;
    --account-id|--artifact-bucket|--data-bucket|--glue-version|--start-run|--run-arg)
      [[ $# -ge 2 ]] || fail "$1 needs a value"
      case "$1" in
        --account-id) account_id=$2 ;;
        --artifact-bucket) artifact_bucket=$2 ;;
        --data-bucket) data_bucket=$2 ;;
        --glue-version) glue_version=$2 ;;
        --start-run) start_run=$2 ;;
        --run-arg)
          [[ "$2" == [A-Za-z]*=* ]] || fail "--run-arg takes KEY=VALUE, the key without its leading -- (got '$2')"
          run_args+=("$2") ;;
      esac
      shift 2 ;;
    --upload) upload=true; shift ;;
    --wait) wait=true; shift ;;
    --run-only) run_only=true; shift ;;
    --dry-run) dry_run=true; shift ;;
    -*) fail "unknown option $1" ;;
    *) break ;;
  esac
done

if ! ${run_only}; then
  [[ "${account_id}" =~ ^[0-9]{12}$ ]] || fail "--account-id must be a 12-digit AWS account id (got '${account_id}')"
  bucket_name='^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$'
  [[ "${artifact_bucket}" =~ ${bucket_name} ]] || fail "--artifact-bucket must be an S3 bucket name (got '${artifact_bucket}')"
  [[ "${data_bucket}" =~ ${bucket_name} ]] || fail "--data-bucket must be an S3 bucket name (got '${data_bucket}')"
fi
[[ -z "${glue_version}" || "${glue_version}" == 5.0 || "${glue_version}" == 5.1 ]] \
  || fail "--glue-version must be 5.0 or 5.1 (Glue 4.0 runs Java 8; got '${glue_version}')"
[[ -n "${start_run}" || ( -z "${run_args[*]-}" && ${wait} == false ) ]] || fail "--run-arg and --wait go with --start-run"
[[ ${run_only} == false || ( -n "${start_run}" && ${upload} == false && $# -eq 0 ) ]] \
  || fail "--run-only goes with --start-run, and with neither --upload nor definitions"

if [[ $# -eq 0 ]] && ! ${run_only}; then
  set -- "${PROJECT_DIR}"/conf/glue/*.json
fi

if ${upload}; then
  ${dry_run} || [[ -f "${LOCAL_JAR}" ]] || fail "${LOCAL_JAR} is missing: run mvn package first"
  aws_call s3 cp "${LOCAL_JAR}" "s3://${artifact_bucket}/llmops/llmops-spark-0.1.0-cluster.jar"
  aws_call s3 cp "${DRIVER}" "s3://${artifact_bucket}/llmops/LlmopsGlueDriver.scala"
fi

out_dir="${PROJECT_DIR}/target/glue"
mkdir -p "${out_dir}"
# Writes the create-job request and the update-job request (the same job without Name and Tags,
# which update-job does not take) for one definition and prints the job's name; any placeholder left
# unfilled is an error.
fill_in() {
  python3 - "$1" "${out_dir}" "${account_id}" "${artifact_bucket}" "${data_bucket}" "${glue_version}" <<'EOF'
import json, re, sys
path, out_dir, account, artifacts, data, version = sys.argv[1:]
text = open(path).read()
for placeholder, value in {"ACCOUNT_ID": account, "ARTIFACT_BUCKET": artifacts, "DATA_BUCKET": data}.items():
    text = text.replace("${" + placeholder + "}", value)
left = sorted(set(re.findall(r"\$\{[A-Za-z_]+\}", text)))
if left:
    sys.exit(f"{path}: unknown placeholders {', '.join(left)}")
job = json.loads(text)
if version:
    job["GlueVersion"] = version
name = job["Name"]
with open(f"{out_dir}/{name}.create.json", "w") as f:
    json.dump(job, f, indent=2)
update = {k: v for k, v in job.items() if k not in ("Name", "Tags")}
with open(f"{out_dir}/{name}.update.json", "w") as f:
    json.dump({"JobName": name, "JobUpdate": update}, f, indent=2)
print(name)
EOF
}

# The run's arguments as Glue's JSON map: each KEY=VALUE becomes "--KEY": "VALUE", the value one string.
run_arguments_json() {
  python3 - ${run_args[@]+"${run_args[@]}"} <<'EOF'
import json, sys
print(json.dumps({"--" + key: value for key, value in (arg.split("=", 1) for arg in sys.argv[1:])}))
EOF
}

for definition in "$@"; do
  [[ -f "${definition}" ]] || fail "no such job definition: ${definition}"
  job_name=$(fill_in "${definition}")
  create=(glue create-job --cli-input-json "file://${out_dir}/${job_name}.create.json")
  update=(glue update-job --cli-input-json "file://${out_dir}/${job_name}.update.json")
  if ${dry_run}; then
    echo "if $(aws_call glue get-job --job-name "${job_name}") >/dev/null; then $(aws_call "${update[@]}"); else $(aws_call "${create[@]}"); fi"
  elif aws glue get-job --job-name "${job_name}" >/dev/null 2>&1; then
    aws "${update[@]}" >/dev/null
    echo "updated Glue job ${job_name}" >&2
  else
    aws "${create[@]}" >/dev/null
    echo "created Glue job ${job_name}" >&2
  fi
done

if [[ -z "${start_run}" ]]; then
  exit 0
fi
run_id=$(aws_call glue start-job-run --job-name "${start_run}" --arguments "$(run_arguments_json)" --query JobRunId --output text)
if ${dry_run}; then
  echo "${run_id}"
  run_id=JOB_RUN_ID
fi
echo "started Glue job run ${run_id} of ${start_run}" >&2
poll() { aws_call glue get-job-run --job-name "${start_run}" --run-id "${run_id}" --query JobRun.JobRunState --output text; }
details() { aws_call glue get-job-run --job-name "${start_run}" --run-id "${run_id}" --query JobRun.ErrorMessage --output text; }
if ${wait}; then
  wait_for_run "${start_run} ${run_id}" SUCCEEDED "FAILED STOPPED TIMEOUT ERROR EXPIRED" poll details
fi
