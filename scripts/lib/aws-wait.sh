# shellcheck shell=bash
# Sourced by the AWS scripts after dry-run.sh: wait_for_run polls a step or job run until the service
# reports one of its final states, and returns 0 only for the state that means success.
#   wait_for_run LABEL SUCCESS_STATE "OTHER FINAL STATES" POLL_FUNCTION DETAILS_FUNCTION
# POLL_FUNCTION prints the current state; DETAILS_FUNCTION prints why the run failed (to stderr here).
# A dry run prints both calls once instead.
wait_for_run() {
  local label=$1 success=$2 failures=$3 poll=$4 details=$5 state
  # shellcheck disable=SC2154 # dry_run is dry-run.sh's, which every AWS script sources first
  if ${dry_run}; then
    "${poll}"
    "${details}"
    return 0
  fi
  # Steps and job runs take minutes; a poll every LLMOPS_POLL_SECONDS (default 30) is well inside the APIs' rate limits.
  while true; do
    state=$("${poll}")
    if [[ "${state}" == "${success}" || " ${failures} " == *" ${state} "* ]]; then
      break
    fi
    sleep "${LLMOPS_POLL_SECONDS:-30}"
  done
  echo "${label}: ${state}" >&2
  if [[ "${state}" != "${success}" ]]; then
    "${details}" >&2
    return 1
  fi
}
