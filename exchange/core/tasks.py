from django_tasks import task

from .maintenance import run_once


@task()
def ping() -> str:
    """A no-op task: lets operators check that the worker picks up work."""
    return "pong"


@task()
def maintenance() -> dict:
    """One maintenance pass (exchange/core/maintenance.py), for operators who enqueue it."""
    return run_once()
