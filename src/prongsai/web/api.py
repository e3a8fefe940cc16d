"""The one django-ninja API of the platform; every app's router is listed here, in one place."""

from django.db import Error as DatabaseFailure
from ninja import Swagger
from ninja.security import django_auth

from .agencies.api import router as agencies_router
from .api_errors import PlatformAPI
from .assessments.api import router as assessments_router
from .outage import database_down, outage_answered, outage_description

api = PlatformAPI(  # declares every operation's 400/401/403/404/422/503 answers (api_errors.py)
    title="Prongsai API",
    version="1",
    description="ข้อมูลหน่วยงานและผล ITA ที่ผู้ใช้มีสิทธิ์เห็น (Agencies and ITA results the user may see.)",
    auth=django_auth,
    urls_namespace="api",
    # No deep links: Swagger UI puts them inside each operation's button (nested-interactive, axe-core).
    docs=Swagger(settings={"deepLinking": False}),
)

# Each app adds one line here (see docs/architecture.md, "Web conventions").
api.add_router("/agencies", agencies_router, tags=["agencies"])
api.add_router("/results", assessments_router, tags=["results"])
api.add_router("/plans", "prongsai.web.plans.api.router", tags=["plans"])
api.add_router("/cases", "prongsai.web.cases.api.router", tags=["cases"])
api.add_router("/documents", "prongsai.web.documents.api.router", tags=["documents"])
api.add_router("/surveys", "prongsai.web.surveys.api.router", tags=["surveys"])
api.add_router("/oit", "prongsai.web.oit.api.router", tags=["oit"])


@api.exception_handler(DatabaseFailure)
def database_unavailable(request, exc):
    """A JSON 503 with Retry-After while the database is unreachable (prongsai.web.outage); other database
    errors stay server errors."""
    if not database_down(exc):
        raise exc
    return outage_answered(
        request, exc, api.create_response(request, {"detail": outage_description()}, status=503)
    )
