"""Gunicorn settings shared by the four HTTP services.

The bind address and the WSGI module are given on the command line of each
container so a reader of the compose file or manifest sees which service runs.
Tuned through the environment: GUNICORN_WORKERS, GUNICORN_THREADS,
GUNICORN_TIMEOUT (seconds) and, for the gateway behind a proxy,
FORWARDED_ALLOW_IPS (read by gunicorn itself).

/metrics must show every worker of the container, not the one that answered the scrape:
the workers write their samples to PROMETHEUS_MULTIPROC_DIR (on the /tmp tmpfs), which is
emptied when gunicorn starts and from which a dead worker's live gauges are removed.
"""
import os
import shutil

workers = int(os.environ.get("GUNICORN_WORKERS", "2"))
threads = int(os.environ.get("GUNICORN_THREADS", "4"))
worker_class = "gthread"
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "30"))
graceful_timeout = 25  # below Kubernetes' 30 s termination grace period
keepalive = 5
# Recycle workers now and then so a slow leak cannot take a pod down.
max_requests = 2000
max_requests_jitter = 200
# The root filesystem is read-only; heartbeat files go to the shared-memory tmpfs.
worker_tmp_dir = "/dev/shm"
accesslog = "-"
errorlog = "-"
loglevel = os.environ.get("C360_LOG_LEVEL", "info").lower()
access_log_format = '%(h)s "%(r)s" %(s)s %(b)s %(M)sms "%({x-request-id}i)s"'


os.environ.setdefault("PROMETHEUS_MULTIPROC_DIR", "/tmp/c360-metrics")


def on_starting(server):
    # the workers inherit the variable; samples of an earlier run of this container are stale
    metrics_dir = os.environ["PROMETHEUS_MULTIPROC_DIR"]
    shutil.rmtree(metrics_dir, ignore_errors=True)
    os.makedirs(metrics_dir, exist_ok=True)


def child_exit(server, worker):
    from prometheus_client import multiprocess

    multiprocess.mark_process_dead(worker.pid)
