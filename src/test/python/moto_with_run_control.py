"""moto's server for the deploy-path tests, plus a control port that ends the runs it holds.

moto answers the AWS control-plane APIs the scripts and the DAG call (EMR AddJobFlowSteps and
DescribeStep, EMR Serverless StartJobRun and GetJobRun, Glue CreateJob, StartJobRun and GetJobRun,
IAM, ...), but nothing runs the jobs behind them: its EMR steps and EMR Serverless runs never leave
their first state, and its EMR Serverless and Glue runs succeed at once. So a test plays the cluster: it lists the runs
a script or a DAG submitted, runs the real job where it wants one, and sets each run's final state
here, which the scripts' and the sensors' polling then sees through the real AWS APIs.

    python moto_with_run_control.py --port P --control-port C

Control API (JSON, loopback only):
    GET  /runs                   every EMR step, EMR Serverless job run and Glue job run moto holds:
                                 [{"service", "id", "name", "state", "args", "details"}, ...]
    POST /runs/<id>  {"state": "FAILED", "reason": "..."}
                                 sets that run's state (and its failure reason where the API has one)
"""
import argparse
import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import moto.emrserverless.models as emr_serverless_models
from moto.backends import get_backend
from moto.moto_api import state_manager
from moto.server import ThreadedMotoServer


def _regional_backends(service):
    for account_backends in get_backend(service).values():
        for backend in account_backends.values():
            yield backend


def _emr_steps():
    for backend in _regional_backends("emr"):
        for cluster in backend.clusters.values():
            for step in cluster.steps:
                yield step, cluster


def _serverless_runs():
    for backend in _regional_backends("emr-serverless"):
        for runs in backend.job_runs.values():
            yield from runs


def _glue_runs():
    for backend in _regional_backends("glue"):
        for job in backend.jobs.values():
            yield from job.job_runs


def list_runs():
    runs = []
    for step, cluster in _emr_steps():
        runs.append({"service": "emr", "id": step.id, "cluster_id": cluster.id, "name": step.name,
                     "state": step.state, "args": step.args, "details": step.config})
    for run in _serverless_runs():
        runs.append({"service": "emr-serverless", "id": run.id, "application_id": run.application_id,
                     "name": run.name, "state": run.state,
                     "args": run.job_driver.get("sparkSubmit", {}).get("entryPointArguments", []),
                     "details": {"jobDriver": run.job_driver, "executionRoleArn": run.execution_role_arn,
                                 "configurationOverrides": run.configuration_overrides}})
    for run in _glue_runs():
        runs.append({"service": "glue", "id": run.job_run_id, "name": run.job_name, "state": run._status,
                     "args": run.arguments or {}, "details": {"jobName": run.job_name}})
    return runs


def set_state(run_id, state, reason):
    for step, _ in _emr_steps():
        if step.id == run_id:
            step.state = state
            if reason:
                step.last_state_change_reason = reason
            return True
    for run in _serverless_runs():
        if run.id == run_id:
            run.state = state
            run.state_details = reason
            return True
    for run in _glue_runs():
        if run.job_run_id == run_id:
            run.status = state
            return True
    return False


class Control(BaseHTTPRequestHandler):
    def do_GET(self):
        if self.path != "/runs":
            self._answer(404, {"error": "no such path"})
            return
        self._answer(200, list_runs())

    def do_POST(self):
        if not self.path.startswith("/runs/"):
            self._answer(404, {"error": "no such path"})
            return
        body = json.loads(self.rfile.read(int(self.headers.get("Content-Length", 0))) or b"{}")
        run_id = self.path[len("/runs/"):]
        if set_state(run_id, body["state"], body.get("reason")):
            self._answer(200, {"id": run_id, "state": body["state"]})
        else:
            self._answer(404, {"error": "no run " + run_id})

    def _answer(self, status, body):
        data = json.dumps(body, default=str).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        # One request per connection: a client must never reuse one this server has already closed.
        self.send_header("Connection", "close")
        self.end_headers()
        self.wfile.write(data)

    def log_message(self, *args):
        pass


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--control-port", type=int, required=True)
    options = parser.parse_args()
    # Glue runs wait for the test like the others, instead of moto's default of succeeding at once.
    state_manager.set_transition("glue::job_run", {"progression": "manual", "times": 10**9})
    # EMR Serverless runs start SUBMITTED, as on AWS, instead of moto's SUCCESS at once.
    emr_serverless_models.JOB_STATUS = "SUBMITTED"
    ThreadedMotoServer(ip_address="127.0.0.1", port=options.port, verbose=False).start()
    control = ThreadingHTTPServer(("127.0.0.1", options.control_port), Control)
    threading.Thread(target=control.serve_forever, daemon=True).start()
    threading.Event().wait()


if __name__ == "__main__":
    main()
