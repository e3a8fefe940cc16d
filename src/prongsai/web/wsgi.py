"""WSGI entry point for gunicorn (`prongsai serve`)."""

import gc
import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "prongsai.web.settings")
application = get_wsgi_application()

# Everything loaded so far (Django, the apps, the URL and template machinery) lives as long as the
# process: move it out of the garbage collector's sight, so its periodic full collections walk only
# what requests create (usual for forking servers; on the 2-core test machine the effect on
# benchmarks/requests_load.py was within its run-to-run spread).
gc.freeze()
