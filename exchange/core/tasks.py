from django_tasks import task


@task()
def ping() -> str:
    """A no-op task: lets operators check that the worker picks up work."""
    return "pong"
