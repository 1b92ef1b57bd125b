"""Reads the Airflow DAG file without Airflow (which cannot be installed here) and prints, as JSON,
what the tests check: the DAG ids, the job argument lists, the Glue job names and job-run arguments,
and the edges of each DAG.

    python3 scripts/checks/check_dag.py dags/llmops_dag.py

The tables are module-level literals, read with ast.literal_eval. The Glue arguments come from the
DAG's own glue_arguments function, compiled alone from the file, so the check runs the real code.
"""
import ast
import json
import sys


def literals(tree):
    """Every module-level NAME = <literal> assignment."""
    found = {}
    for node in tree.body:
        if isinstance(node, ast.Assign) and len(node.targets) == 1 and isinstance(node.targets[0], ast.Name):
            try:
                found[node.targets[0].id] = ast.literal_eval(node.value)
            except ValueError:
                pass  # not a literal: computed at parse time by Airflow
    return found


def function(tree, name):
    """A module-level function of the file, compiled on its own."""
    definition = next(n for n in tree.body if isinstance(n, ast.FunctionDef) and n.name == name)
    namespace = {}
    exec(compile(ast.Module(body=[definition], type_ignores=[]), "<dag>", "exec"), namespace)
    return namespace[name]


def dag_ids(tree):
    """The dag_id of every DAG(...) the file constructs."""
    ids = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and getattr(node.func, "id", None) == "DAG":
            ids += [k.value.value for k in node.keywords if k.arg == "dag_id"]
    return ids


def main(path):
    with open(path) as f:
        tree = ast.parse(f.read(), path)
    tables = literals(tree)
    glue_arguments = function(tree, "glue_arguments")
    print(json.dumps({
        "dag_ids": dag_ids(tree),
        "job_args": tables["JOB_ARGS"],
        "glue_jobs": tables["GLUE_JOBS"],
        "glue_args": {job: glue_arguments(args) for job, args in tables["JOB_ARGS"].items()},
        "daily_edges": tables["DAILY_EDGES"],
        "weekly_edges": tables["WEEKLY_EDGES"],
        "verdicts": tables["VERDICTS"],
        "drift_exit_code": tables["DRIFT_EXIT_CODE"],
    }, indent=2))


if __name__ == "__main__":
    main(sys.argv[1])
