# shellcheck shell=bash
# Local stand-ins for AWS, each a separate JVM on 127.0.0.1: DynamoDB Local and S3Mock.
# Sourced by scripts/llmops, scripts/demo and scripts/bench. Requires PROJECT_DIR to be set.

SERVICES_DIR="${PROJECT_DIR}/target/local-services"

ensure_local_services() {
  if [[ ! -d "${SERVICES_DIR}/dynamodb-local" || ! -f "${SERVICES_DIR}/s3mock/s3mock-exec.jar" ]]; then
    echo "fetching DynamoDB Local and S3Mock (once)..." >&2
    mvn -B -q -f "${PROJECT_DIR}/scripts/local-services/pom.xml" package >&2
  fi
}

free_port() {
  python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'
}

# wait_for_http URL PID LOG: until anything answers at URL, or the process dies, or 60 s pass.
wait_for_http() {
  local url=$1 pid=$2 log=$3
  for _ in $(seq 1 300); do
    if ! kill -0 "${pid}" 2>/dev/null; then
      echo "local service exited; its log (${log}) ends with:" >&2
      tail -20 "${log}" >&2
      return 1
    fi
    if curl -s -o /dev/null --max-time 1 "${url}"; then
      return 0
    fi
    sleep 0.2
  done
  echo "no answer at ${url} after 60 s; see ${log}" >&2
  return 1
}

# start_dynamodb_local DATA_DIR: persists tables under DATA_DIR (or -inMemory when DATA_DIR is "inMemory").
start_dynamodb_local() {
  local data=$1 port log storage
  ensure_local_services
  port=$(free_port)
  log="${PROJECT_DIR}/.llmops/dynamodb.log"
  mkdir -p "${PROJECT_DIR}/.llmops"
  if [[ "${data}" == "inMemory" ]]; then
    storage=(-inMemory)
  else
    mkdir -p "${data}"
    storage=(-dbPath "${data}" -sharedDb)
  fi
  java -Xmx512m -cp "${SERVICES_DIR}/dynamodb-local/*" software.amazon.dynamodb.services.local.main.ServerRunner \
    "${storage[@]}" -port "${port}" >"${log}" 2>&1 &
  DYNAMODB_LOCAL_PID=$!
  export LLMOPS_DYNAMODB_ENDPOINT="http://127.0.0.1:${port}"
  wait_for_http "${LLMOPS_DYNAMODB_ENDPOINT}" "${DYNAMODB_LOCAL_PID}" "${log}"
}

# stop_pid PID: ends a service started here, if it still runs.
stop_pid() {
  if [[ -n "${1:-}" ]]; then
    kill "$1" 2>/dev/null || true
    wait "$1" 2>/dev/null || true
  fi
}

stop_dynamodb_local() {
  stop_pid "${DYNAMODB_LOCAL_PID:-}"
  DYNAMODB_LOCAL_PID=""
}

# start_s3mock BUCKET: an S3-compatible server with BUCKET created, for s3a:// paths.
start_s3mock() {
  local bucket=$1 port log root
  ensure_local_services
  port=$(free_port)
  log="${PROJECT_DIR}/.llmops/s3mock.log"
  root="${PROJECT_DIR}/.llmops/s3mock"
  mkdir -p "${root}"
  java -Xmx512m -jar "${SERVICES_DIR}/s3mock/s3mock-exec.jar" \
    --com.adobe.testing.s3mock.httpPort="${port}" --server.port="$(free_port)" \
    --com.adobe.testing.s3mock.store.initialBuckets="${bucket}" \
    --com.adobe.testing.s3mock.store.root="${root}" --spring.main.banner-mode=off >"${log}" 2>&1 &
  S3MOCK_PID=$!
  export LLMOPS_S3_ENDPOINT="http://127.0.0.1:${port}"
  wait_for_http "${LLMOPS_S3_ENDPOINT}/${bucket}" "${S3MOCK_PID}" "${log}"
}

stop_s3mock() {
  stop_pid "${S3MOCK_PID:-}"
  S3MOCK_PID=""
}
