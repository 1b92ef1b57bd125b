"""llmops on a schedule (Airflow 2.x with apache-airflow-providers-amazon).

llmops_daily_drift: every day, SNAPSHOTs of the RAG reference embeddings and of the prompt
embeddings, each with its drift verdict; then the prompts' distances to the reference clusters.
llmops_weekly_eval: every Monday, the evaluation job.

The jobs run where the Airflow Variable `llmops_backend` says: `emr` (steps on a running EMR cluster),
`emr_serverless` or `glue` (the jobs scripts/glue-deploy.sh defines). Every job is a submit task and a
sensor that waits for it, so a retry of either never reruns a finished analysis.

Variables: llmops_backend, llmops_data_bucket, llmops_artifact_bucket, and for the backend in use
llmops_emr_cluster_id | llmops_emr_serverless_application_id + llmops_emr_serverless_role_arn.
Data layout: s3://<data bucket>/embeddings/{reference,prompts}/dt=YYYY-MM-DD/ (README, "Run on AWS").

The job arguments, the Glue job names and the edges are literal tables so that
scripts/checks/check_dag.py can read them without Airflow (the tests parse every argument list with
the jobs' own CLI parser).
"""
import re
from datetime import datetime, timedelta

from airflow import DAG
from airflow.exceptions import AirflowException
from airflow.models import Variable
from airflow.operators.empty import EmptyOperator
from airflow.operators.python import BranchPythonOperator
from airflow.providers.amazon.aws.hooks.emr import EmrHook, EmrServerlessHook
from airflow.providers.amazon.aws.hooks.glue import GlueJobHook
from airflow.providers.amazon.aws.operators.emr import EmrAddStepsOperator, EmrServerlessStartJobOperator
from airflow.providers.amazon.aws.operators.glue import GlueJobOperator
from airflow.providers.amazon.aws.sensors.emr import EmrServerlessJobSensor, EmrStepSensor
from airflow.providers.amazon.aws.sensors.glue import GlueJobSensor
from airflow.utils.trigger_rule import TriggerRule

JAR = "s3://{{ var.value.llmops_artifact_bucket }}/llmops/llmops-spark-0.1.0-cluster.jar"
MAIN_CLASS = "llmops.Main"

# Each job's name and flags, as after the jar in spark-submit. Run ids are the logical date, so a
# rerun of a day rewrites that day's items instead of adding new ones.
JOB_ARGS = {
    "reference_snapshot": [
        "drift", "--job_type", "SNAPSHOT", "--series", "reference",
        "--data_path", "s3://{{ var.value.llmops_data_bucket }}/embeddings/reference/dt={{ ds }}/",
        "--run_id", "{{ ds }}", "--fail_on_drift",
    ],
    "prompt_snapshot": [
        "drift", "--job_type", "SNAPSHOT", "--series", "prompts",
        "--data_path", "s3://{{ var.value.llmops_data_bucket }}/embeddings/prompts/dt={{ ds }}/",
        "--run_id", "{{ ds }}", "--fail_on_drift",
    ],
    "prompt_distance": [
        "distance", "--series", "prompts", "--reference_series", "reference",
        "--prompt_path", "s3://{{ var.value.llmops_data_bucket }}/embeddings/prompts/dt={{ ds }}/",
        "--distance_path", "s3://{{ var.value.llmops_data_bucket }}/llmops/distance/dt={{ ds }}/",
        "--run_id", "{{ ds }}",
    ],
    "weekly_eval": [
        "eval", "--config", "s3://{{ var.value.llmops_data_bucket }}/evaluation/evaluation_config.yaml",
        "--output_path", "s3://{{ var.value.llmops_data_bucket }}/llmops/eval/",
        "--run_id", "{{ ds }}",
    ],
}

# The Glue job (conf/glue/<name>.json) that runs each job on the glue backend.
GLUE_JOBS = {
    "reference_snapshot": "llmops-drift-snapshot-reference",
    "prompt_snapshot": "llmops-drift-snapshot-prompts",
    "prompt_distance": "llmops-distance",
    "weekly_eval": "llmops-eval",
}

# The exit code of a SNAPSHOT whose verdict is drift under --fail_on_drift (DriftJob.DRIFT_EXIT_CODE).
DRIFT_EXIT_CODE = 3

DAILY_EDGES = [
    ("reference_snapshot", "reference_verdict"),
    ("reference_verdict", "reference_drift"),
    ("reference_verdict", "reference_stable"),
    ("prompt_snapshot", "prompt_verdict"),
    ("prompt_verdict", "prompt_drift"),
    ("prompt_verdict", "prompt_stable"),
    ("reference_drift", "prompt_distance"),
    ("reference_stable", "prompt_distance"),
    ("prompt_drift", "prompt_distance"),
    ("prompt_stable", "prompt_distance"),
]
WEEKLY_EDGES = []

# The verdict tasks: which snapshot each one reads, and where it branches to.
VERDICTS = {
    "reference_verdict": ("reference_snapshot", "reference_drift", "reference_stable"),
    "prompt_verdict": ("prompt_snapshot", "prompt_drift", "prompt_stable"),
}

# The operators differ per backend, so the choice shapes the DAG and is read when the file is parsed.
BACKEND = Variable.get("llmops_backend", default_var="emr")

DEFAULT_ARGS = {
    "owner": "ml-platform",
    "retries": 2,
    "retry_delay": timedelta(minutes=10),
    "sla": timedelta(hours=4),
}

# Sensors give their worker slot back between pokes; a job that runs longer than the timeout failed.
# One quick retry covers a failed poke; a sensor that failed because its job failed would only fail
# again, and the verdict task waits for it.
SENSOR = {"mode": "reschedule", "poke_interval": 60, "timeout": 6 * 3600, "retries": 1, "retry_delay": timedelta(minutes=2)}


def glue_arguments(args):
    """A job's CLI arguments as Glue job-run arguments: --llmops_job names the job; flags without a value get 'true'."""
    glue = {"--llmops_job": args[0]}
    rest = args[1:]
    i = 0
    while i < len(rest):
        takes_value = i + 1 < len(rest) and not rest[i + 1].startswith("--")
        glue[rest[i]] = rest[i + 1] if takes_value else "true"
        i += 2 if takes_value else 1
    return glue


def job_tasks(job):
    """The submit task and the sensor that waits for the job: (first, last)."""
    args = JOB_ARGS[job]
    submit_id = job + "_submit"
    run_id = "{{ task_instance.xcom_pull(task_ids='" + submit_id + "') }}"
    if BACKEND == "emr":
        submit = EmrAddStepsOperator(
            task_id=submit_id, job_flow_id="{{ var.value.llmops_emr_cluster_id }}",
            steps=[{
                "Name": "llmops-" + job,
                "ActionOnFailure": "CONTINUE",
                "HadoopJarStep": {
                    "Jar": "command-runner.jar",
                    "Args": ["spark-submit", "--deploy-mode", "cluster", "--class", MAIN_CLASS, JAR, *args],
                },
            }])
        wait = EmrStepSensor(
            task_id=job, job_flow_id="{{ var.value.llmops_emr_cluster_id }}",
            step_id="{{ task_instance.xcom_pull(task_ids='" + submit_id + "')[0] }}", **SENSOR)
    elif BACKEND == "emr_serverless":
        submit = EmrServerlessStartJobOperator(
            task_id=submit_id, name="llmops-" + job,
            application_id="{{ var.value.llmops_emr_serverless_application_id }}",
            execution_role_arn="{{ var.value.llmops_emr_serverless_role_arn }}",
            job_driver={"sparkSubmit": {"entryPoint": JAR, "entryPointArguments": args,
                                        "sparkSubmitParameters": "--class " + MAIN_CLASS}},
            configuration_overrides={}, wait_for_completion=False)
        wait = EmrServerlessJobSensor(
            task_id=job, application_id="{{ var.value.llmops_emr_serverless_application_id }}",
            job_run_id=run_id, **SENSOR)
    elif BACKEND == "glue":
        submit = GlueJobOperator(
            task_id=submit_id, job_name=GLUE_JOBS[job], script_args=glue_arguments(args), wait_for_completion=False)
        wait = GlueJobSensor(task_id=job, job_name=GLUE_JOBS[job], run_id=run_id, **SENSOR)
    else:
        raise AirflowException("Variable llmops_backend must be emr, emr_serverless or glue, not " + repr(BACKEND))
    submit >> wait
    return submit, wait


def failure_message(job, context):
    """What the backend says about the job's failed run: where the driver's exit code shows."""
    submitted = context["ti"].xcom_pull(task_ids=job + "_submit")
    if not submitted:
        return "it was never submitted"
    if BACKEND == "emr":
        step = EmrHook().conn.describe_step(ClusterId=Variable.get("llmops_emr_cluster_id"), StepId=submitted[0])
        details = step["Step"]["Status"].get("FailureDetails", {})
        return " ".join([details.get("Reason", ""), details.get("Message", "")])
    if BACKEND == "emr_serverless":
        run = EmrServerlessHook().conn.get_job_run(
            applicationId=Variable.get("llmops_emr_serverless_application_id"), jobRunId=submitted)
        return run["jobRun"].get("stateDetails", "")
    run = GlueJobHook(job_name=GLUE_JOBS[job]).conn.get_job_run(JobName=GLUE_JOBS[job], RunId=submitted)
    return run["JobRun"].get("ErrorMessage", "")


# "llmops exited with code 3" (the Glue driver), "ExitCode: 3" (EMR Serverless), "exited with status 3" (YARN).
EXIT_CODE = re.compile(r"exit(?:ed)?(?: with)?[ _]?(?:code|status)\s*[:=]?\s*(\d+)", re.IGNORECASE)


def branch_on_verdict(snapshot, drift_task, stable_task, **context):
    """Exit code 0: no drift; 3 (--fail_on_drift): drift; anything else, or no code found, fails this task."""
    state = context["dag_run"].get_task_instance(snapshot).state
    if state == "success":
        return stable_task
    message = failure_message(snapshot, context)
    found = EXIT_CODE.search(message)
    if found and int(found.group(1)) == DRIFT_EXIT_CODE:
        return drift_task
    raise AirflowException(f"{snapshot} ended {state} without a drift verdict: {message!r}")


def build(edges, jobs):
    tasks = {job: job_tasks(job) for job in jobs}
    for verdict, (snapshot, drift_task, stable_task) in VERDICTS.items():
        if snapshot in jobs:
            # ALL_DONE: a drifted SNAPSHOT ends as a failed run, and that is what this task is for.
            tasks[verdict] = (BranchPythonOperator(
                task_id=verdict, python_callable=branch_on_verdict, trigger_rule=TriggerRule.ALL_DONE,
                op_kwargs={"snapshot": snapshot, "drift_task": drift_task, "stable_task": stable_task}),) * 2
            # Alerts on drift hang here, e.g. an on_success_callback that notifies the owners.
            tasks[drift_task] = (EmptyOperator(task_id=drift_task),) * 2
            tasks[stable_task] = (EmptyOperator(task_id=stable_task),) * 2
    for up, down in edges:
        tasks[up][1] >> tasks[down][0]
    # The distance job runs after both verdicts, whichever way each went, but not after a failed one.
    if "prompt_distance" in tasks:
        tasks["prompt_distance"][0].trigger_rule = TriggerRule.NONE_FAILED_MIN_ONE_SUCCESS


with DAG(
    dag_id="llmops_daily_drift",
    schedule="0 3 * * *",
    start_date=datetime(2025, 1, 1),
    catchup=False,
    max_active_runs=1,
    default_args=DEFAULT_ARGS,
    dagrun_timeout=timedelta(hours=8),
    tags=["llmops"],
) as daily_drift:
    build(DAILY_EDGES, ["reference_snapshot", "prompt_snapshot", "prompt_distance"])

with DAG(
    dag_id="llmops_weekly_eval",
    schedule="0 5 * * 1",
    start_date=datetime(2025, 1, 1),
    catchup=False,
    max_active_runs=1,
    default_args={**DEFAULT_ARGS, "sla": timedelta(hours=10)},
    dagrun_timeout=timedelta(hours=12),
    tags=["llmops"],
) as weekly_eval:
    build(WEEKLY_EDGES, ["weekly_eval"])
