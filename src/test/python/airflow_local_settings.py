"""Airflow's cluster policy for AirflowDagTest (on PYTHONPATH, so Airflow 2 and 3 import it when they
parse a DAG, in the driver's DagBag as in dag.test()'s own re-parse).

Only the waits are shortened: production sensors poke once a minute and retries come minutes apart,
which would make each dag.test() take minutes. What the tasks do, their number of retries, their
timeouts and trigger rules stay the DAG's.
"""
from datetime import timedelta


def task_policy(task):
    task.retry_delay = timedelta(seconds=1)
    if hasattr(task, "poke_interval"):
        task.poke_interval = 1
