"""PostgreSQL as Django's own backend, with the per-request connection health check kept cheap (base.py)."""
