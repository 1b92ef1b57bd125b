"""llmops on a schedule (Airflow 2.10+ or 3.x, with apache-airflow-providers-amazon).

llmops_daily_drift: every day, SNAPSHOTs of the RAG reference embeddings and of the prompt
embeddings; each SNAPSHOT's drift verdict, read from the drift runs table, picks a branch (the
place for drift alerts); then the prompts' distances to the reference clusters.
llmops_weekly_eval: every Monday, the evaluation job.

The jobs run where the Airflow Variable `llmops_backend` says: `emr` (steps on a running EMR cluster),
`emr_serverless` or `glue` (the jobs scripts/glue-deploy.sh defines). Every job is a submit task and a
sensor that waits for it, so a retry of either never reruns a finished analysis.

Variables: llmops_backend, llmops_data_bucket, llmops_artifact_bucket, and for the backend in use
llmops_emr_cluster_id | llmops_emr_serverless_application_id + llmops_emr_serverless_role_arn;
optionally llmops_drift_runs_table (default: the drift job's llmops-drift-runs).
AWS access is the `aws_default` connection. Data layout: s3://<data bucket>/embeddings/{reference,prompts}/dt=YYYY-MM-DD/
(docs/aws.md, "Airflow").
"""
from datetime import datetime, timedelta

from airflow.providers.amazon.aws.hooks.dynamodb import DynamoDBHook
from airflow.providers.amazon.aws.operators.emr import EmrAddStepsOperator, EmrServerlessStartJobOperator
from airflow.providers.amazon.aws.operators.glue import GlueJobOperator
from airflow.providers.amazon.aws.sensors.emr import EmrServerlessJobSensor, EmrStepSensor
from airflow.providers.amazon.aws.sensors.glue import GlueJobSensor

try:  # Airflow 3: DAG authors use the task SDK and the standard provider's operators.
    from airflow.providers.standard.operators.empty import EmptyOperator
    from airflow.providers.standard.operators.python import BranchPythonOperator
    from airflow.sdk import DAG, Variable
    from airflow.sdk.exceptions import AirflowException, AirflowFailException
except ImportError:  # Airflow 2.10
    from airflow import DAG
    from airflow.exceptions import AirflowException, AirflowFailException
    from airflow.models import Variable
    from airflow.operators.empty import EmptyOperator
    from airflow.operators.python import BranchPythonOperator

JAR = "s3://{{ var.value.llmops_artifact_bucket }}/llmops/llmops-spark-0.1.0-cluster.jar"
MAIN_CLASS = "llmops.Main"
# A failed driver is not run again by YARN behind the scheduler's back (EMR's default is 2 attempts);
# the DAG's retries decide. Passed to EMR Serverless runs too, where no YARN runs the driver.
ONE_ATTEMPT = "spark.yarn.maxAppAttempts=1"

# The run id of every job of a DAG run: its logical date, so a rerun of a day rewrites that day's
# items instead of adding new ones, and the verdict task knows which SNAPSHOT item to read.
RUN_ID = "{{ ds }}"
# The drift runs table the SNAPSHOTs write, the distance job reads and the verdict tasks read.
RUNS_TABLE = "{{ var.value.get('llmops_drift_runs_table', 'llmops-drift-runs') }}"

# Each job's name and flags, as after the jar in spark-submit. The SNAPSHOTs run without
# --fail_on_drift: a drifted SNAPSHOT is a successful run whose stored verdict says drift.
JOB_ARGS = {
    "reference_snapshot": [
        "drift", "--job_type", "SNAPSHOT", "--series", "reference",
        "--data_path", "s3://{{ var.value.llmops_data_bucket }}/embeddings/reference/dt={{ ds }}/",
        "--out_table", RUNS_TABLE, "--run_id", RUN_ID,
    ],
    "prompt_snapshot": [
        "drift", "--job_type", "SNAPSHOT", "--series", "prompts",
        "--data_path", "s3://{{ var.value.llmops_data_bucket }}/embeddings/prompts/dt={{ ds }}/",
        "--out_table", RUNS_TABLE, "--run_id", RUN_ID,
    ],
    "prompt_distance": [
        "distance", "--series", "prompts", "--reference_series", "reference",
        "--prompt_path", "s3://{{ var.value.llmops_data_bucket }}/embeddings/prompts/dt={{ ds }}/",
        "--distance_path", "s3://{{ var.value.llmops_data_bucket }}/llmops/distance/dt={{ ds }}/",
        "--drift_table", RUNS_TABLE, "--run_id", RUN_ID,
    ],
    "weekly_eval": [
        "eval", "--config", "s3://{{ var.value.llmops_data_bucket }}/evaluation/evaluation_config.yaml",
        "--output_path", "s3://{{ var.value.llmops_data_bucket }}/llmops/eval/",
        "--run_id", RUN_ID,
    ],
}

# The Glue job (conf/glue/<name>.json) that runs each job on the glue backend.
GLUE_JOBS = {
    "reference_snapshot": "llmops-drift-snapshot-reference",
    "prompt_snapshot": "llmops-drift-snapshot-prompts",
    "prompt_distance": "llmops-distance",
    "weekly_eval": "llmops-eval",
}

# The verdict tasks: the SNAPSHOT job and its series, and the branches (drift, stable).
VERDICTS = {
    "reference_verdict": ("reference_snapshot", "reference", "reference_drift", "reference_stable"),
    "prompt_verdict": ("prompt_snapshot", "prompts", "prompt_drift", "prompt_stable"),
}

# The operators differ per backend, so the choice shapes the DAG and is read when the file is parsed.
# (The second argument is the default under both Airflow 2's default_var and the task SDK's default.)
BACKEND = Variable.get("llmops_backend", "emr")

# Airflow 3 has no SLAs; these bounds work on 2.10 and 3.x: a submit or verdict task that hangs
# fails after execution_timeout, a sensor whose job outlives SENSOR's timeout fails, and a DAG run
# longer than its dagrun_timeout fails (alert through on_failure_callback / email on failure).
DEFAULT_ARGS = {
    "owner": "ml-platform",
    "retries": 2,
    "retry_delay": timedelta(minutes=10),
    "execution_timeout": timedelta(minutes=15),
}

# Sensors give their worker slot back between pokes; a job that runs longer than the timeout failed.
# One quick retry covers a failed poke; a sensor that failed because its job failed fails again.
SENSOR = {"mode": "reschedule", "poke_interval": 60, "timeout": 6 * 3600, "retries": 1, "retry_delay": timedelta(minutes=2)}


class GlueRunSensor(GlueJobSensor):
    """Glue's sensor, failing on every final state of a failed run (the provider's list misses ERROR and EXPIRED)."""

    FAILURE_STATES = ("FAILED", "STOPPED", "TIMEOUT", "ERROR", "EXPIRED")


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


def job_tasks(job, trigger_rule="all_success"):
    """The submit task (starting by trigger_rule) and the sensor that waits for the job: (first, last)."""
    args = JOB_ARGS[job]
    submit_id = job + "_submit"
    run_id = "{{ task_instance.xcom_pull(task_ids='" + submit_id + "') }}"
    if BACKEND == "emr":
        submit = EmrAddStepsOperator(
            task_id=submit_id, trigger_rule=trigger_rule, job_flow_id="{{ var.value.llmops_emr_cluster_id }}",
            steps=[{
                "Name": "llmops-" + job,
                "ActionOnFailure": "CONTINUE",
                "HadoopJarStep": {
                    "Jar": "command-runner.jar",
                    "Args": ["spark-submit", "--deploy-mode", "cluster", "--conf", ONE_ATTEMPT,
                             "--class", MAIN_CLASS, JAR, *args],
                },
            }])
        wait = EmrStepSensor(
            task_id=job, job_flow_id="{{ var.value.llmops_emr_cluster_id }}",
            step_id="{{ task_instance.xcom_pull(task_ids='" + submit_id + "')[0] }}", **SENSOR)
    elif BACKEND == "emr_serverless":
        submit = EmrServerlessStartJobOperator(
            task_id=submit_id, trigger_rule=trigger_rule, name="llmops-" + job,
            application_id="{{ var.value.llmops_emr_serverless_application_id }}",
            execution_role_arn="{{ var.value.llmops_emr_serverless_role_arn }}",
            job_driver={"sparkSubmit": {"entryPoint": JAR, "entryPointArguments": args,
                                        "sparkSubmitParameters": f"--class {MAIN_CLASS} --conf {ONE_ATTEMPT}"}},
            configuration_overrides={}, wait_for_completion=False)
        wait = EmrServerlessJobSensor(
            task_id=job, application_id="{{ var.value.llmops_emr_serverless_application_id }}",
            job_run_id=run_id, **SENSOR)
    elif BACKEND == "glue":
        submit = GlueJobOperator(
            task_id=submit_id, trigger_rule=trigger_rule, job_name=GLUE_JOBS[job], script_args=glue_arguments(args), wait_for_completion=False)
        wait = GlueRunSensor(task_id=job, job_name=GLUE_JOBS[job], run_id=run_id, **SENSOR)
    else:
        raise AirflowException("Variable llmops_backend must be emr, emr_serverless or glue, not " + repr(BACKEND))
    submit >> wait
    return submit, wait


def branch_on_verdict(series, run_id, runs_table, drift_task, stable_task):
    """The branch the stored verdict of the series' SNAPSHOT run_id picks; no item or no verdict fails the task."""
    key = {"series": series, "run": "SNAPSHOT#" + run_id}
    item = DynamoDBHook(aws_conn_id="aws_default").conn.Table(runs_table).get_item(Key=key, ConsistentRead=True).get("Item")
    # The SNAPSHOT ended successfully, so its item is final: a retry would read the same thing.
    if item is None:
        raise AirflowFailException(f"no SNAPSHOT run {run_id!r} of series {series!r} in {runs_table}: the job stored none")
    verdict = item.get("verdict") or {}
    if verdict.get("drift") is None:
        reason = verdict.get("reason", "the item has no verdict")
        raise AirflowFailException(f"SNAPSHOT run {run_id!r} of series {series!r} has no drift verdict: {reason}")
    return drift_task if verdict["drift"] else stable_task


def build(jobs):
    # The distance job runs after both verdicts, whichever way each went (one branch of each is
    # skipped), but not after a failed job or verdict.
    tasks = {job: job_tasks(job, "none_failed_min_one_success" if job == "prompt_distance" else "all_success") for job in jobs}
    for verdict_id, (snapshot, series, drift_id, stable_id) in VERDICTS.items():
        if snapshot in jobs:
            verdict = BranchPythonOperator(
                task_id=verdict_id, python_callable=branch_on_verdict,
                op_kwargs={"series": series, "run_id": RUN_ID, "runs_table": RUNS_TABLE,
                           "drift_task": drift_id, "stable_task": stable_id})
            # Alerts on drift hang on the drift branch, e.g. an on_success_callback that notifies the owners.
            drift, stable = EmptyOperator(task_id=drift_id), EmptyOperator(task_id=stable_id)
            tasks[snapshot][1] >> verdict >> [drift, stable]
            if "prompt_distance" in jobs:
                [drift, stable] >> tasks["prompt_distance"][0]


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
    build(["reference_snapshot", "prompt_snapshot", "prompt_distance"])

with DAG(
    dag_id="llmops_weekly_eval",
    schedule="0 5 * * 1",
    start_date=datetime(2025, 1, 1),
    catchup=False,
    max_active_runs=1,
    default_args=DEFAULT_ARGS,
    dagrun_timeout=timedelta(hours=12),
    tags=["llmops"],
) as weekly_eval:
    build(["weekly_eval"])
