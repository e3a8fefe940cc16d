"""The one django-ninja API of the platform; every app's router is listed here, in one place."""

from ninja import NinjaAPI
from ninja.security import django_auth

from .agencies.api import router as agencies_router
from .assessments.api import router as assessments_router

api = NinjaAPI(
    title="Prongsai API",
    version="1",
    description="ข้อมูลหน่วยงานและผล ITA ที่ผู้ใช้มีสิทธิ์เห็น (Agencies and ITA results the user may see.)",
    auth=django_auth,
    urls_namespace="api",
)

# Each app adds one line here (see docs/architecture.md, "Web conventions").
api.add_router("/agencies", agencies_router, tags=["agencies"])
api.add_router("/results", assessments_router, tags=["results"])
api.add_router("/plans", "prongsai.web.plans.api.router", tags=["plans"])
api.add_router("/cases", "prongsai.web.cases.api.router", tags=["cases"])
api.add_router("/documents", "prongsai.web.documents.api.router", tags=["documents"])
api.add_router("/surveys", "prongsai.web.surveys.api.router", tags=["surveys"])
