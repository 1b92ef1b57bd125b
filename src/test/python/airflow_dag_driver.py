"""Runs dags/llmops_dag.py under the Airflow of the virtual environment it is started with, for AirflowDagTest.

    python airflow_dag_driver.py DAGS_DIR OUT.json DATE [DATE ...]
        For each backend: loads DAGS_DIR in a DagBag, creates in moto what the backend's tasks expect
        to exist (an EMR cluster, an EMR Serverless application, the Glue jobs of conf/glue), then runs
        llmops_daily_drift with dag.test() once per logical DATE, and writes
        {backend: {"import_errors": {file: error}, "dag_ids": [...], "operators": [class names of its tasks],
                   "days": [{"date", "state", "tasks": {task_id: state}}, ...]}}.
        Before each backend's runs it prints a line "=== backend NAME ===", so the caller can tell
        whose log lines are whose. One process does all backends: Airflow's start-up is most of the cost.

The caller sets AIRFLOW_HOME (a migrated sqlite database), AIRFLOW__CORE__DAGS_FOLDER (DAGS_DIR: Airflow 3's
dag.test() parses its DAG bundle again), PYTHONPATH (this directory, for airflow_local_settings.py), AIRFLOW_CONN_AWS_DEFAULT (moto and
DynamoDB Local), AIRFLOW_VAR_LLMOPS_DRIFT_RUNS_TABLE and the fake AWS credentials; the cluster
behind moto is played by the caller too, which ends each run moto holds.
"""
import json
import os
import sys
from datetime import datetime, timezone
from pathlib import Path

import boto3

BACKENDS = ("emr", "emr_serverless", "glue")
CONF_GLUE = Path(__file__).resolve().parents[3] / "conf" / "glue"


def dag_bag(dags_dir, backend):
    from airflow.models import DagBag

    # The DAG reads llmops_backend when it is parsed; Variables from the environment win over the database.
    os.environ["AIRFLOW_VAR_LLMOPS_BACKEND"] = backend
    return DagBag(dag_folder=dags_dir)


def loaded(bag):
    return {"import_errors": {str(k): str(v) for k, v in bag.import_errors.items()},
            "dag_ids": sorted(bag.dag_ids),
            "operators": sorted({type(t).__name__ for d in bag.dags.values() for t in d.tasks})}


def aws(service):
    return boto3.client(service, region_name="us-east-1", endpoint_url=os.environ["AWS_ENDPOINT_URL"])


def create_backend(backend):
    """What an operator of the backend provisions before the DAG runs, as Variables the DAG reads."""
    variables = {"llmops_data_bucket": "llmops-data", "llmops_artifact_bucket": "llmops-artifacts"}
    if backend == "emr":
        cluster = aws("emr").run_job_flow(
            Name="llmops", ReleaseLabel="emr-7.5.0", JobFlowRole="EMR_EC2_DefaultRole", ServiceRole="EMR_DefaultRole",
            Instances={"InstanceCount": 1, "MasterInstanceType": "m5.xlarge", "KeepJobFlowAliveWhenNoSteps": True})
        variables["llmops_emr_cluster_id"] = cluster["JobFlowId"]
    elif backend == "emr_serverless":
        application = aws("emr-serverless").create_application(name="llmops", releaseLabel="emr-7.5.0", type="SPARK")
        variables["llmops_emr_serverless_application_id"] = application["applicationId"]
        variables["llmops_emr_serverless_role_arn"] = "arn:aws:iam::123456789012:role/llmops-emr-serverless"
    else:
        glue = aws("glue")
        existing = set(glue.list_jobs()["JobNames"])
        for definition in sorted(CONF_GLUE.glob("*.json")):
            job = json.loads(definition.read_text())
            if job["Name"] not in existing:
                glue.create_job(Name=job["Name"], Role=job["Role"].replace("${ACCOUNT_ID}", "123456789012"),
                                Command=job["Command"], DefaultArguments=job["DefaultArguments"], MaxRetries=job["MaxRetries"])
    for name, value in variables.items():
        os.environ["AIRFLOW_VAR_" + name.upper()] = value


def airflow2_dag_run_deletion():
    """Lets Airflow 2.10's dag.test() delete the previous backend's run of the same date: the DagRun
    note's foreign key names the FAB provider's user table, which SQLAlchemy must know to order the
    delete. Airflow 3 has no FAB provider here and no such key."""
    try:
        import airflow.providers.fab.auth_manager.models  # noqa: F401 (registers ab_user)
    except ImportError:
        pass


def run(dags_dir, backend, dates):
    print(f"=== backend {backend} ===", flush=True)
    create_backend(backend)
    bag = dag_bag(dags_dir, backend)
    dag = bag.get_dag("llmops_daily_drift")
    results = []
    for date in dates:
        logical_date = datetime.fromisoformat(date).replace(tzinfo=timezone.utc)
        # Airflow 2.10 calls it execution_date, Airflow 3 logical_date.
        if "logical_date" in dag.test.__code__.co_varnames:
            dag_run = dag.test(logical_date=logical_date)
        else:
            dag_run = dag.test(execution_date=logical_date)
        results.append({"date": date, "state": str(dag_run.state),
                        "tasks": {ti.task_id: str(ti.state) for ti in task_instances(dag_run)}})
    return {**loaded(bag), "days": results}


def task_instances(dag_run):
    from airflow.models import TaskInstance
    from airflow.utils.session import create_session

    with create_session() as session:
        return session.query(TaskInstance).filter(TaskInstance.dag_id == dag_run.dag_id,
                                                  TaskInstance.run_id == dag_run.run_id).all()


def main():
    dags_dir, out, dates = sys.argv[1], sys.argv[2], sys.argv[3:]
    airflow2_dag_run_deletion()
    result = {backend: run(dags_dir, backend, dates) for backend in BACKENDS}
    Path(out).write_text(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
