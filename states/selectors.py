from states.models import State


def state_list():
    """Return every state in INEGI order."""
    return State.objects.order_by("cve_ent")


def state_count() -> int:
    """Return how many states the portal knows."""
    return State.objects.count()
