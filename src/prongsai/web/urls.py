"""All URLs of the platform: each app's urls.py is included here, in one list."""

from django.contrib import admin
from django.templatetags.static import static
from django.urls import include, path
from django.views.generic import RedirectView

from .api import api

# The Django admin is for the site's superuser only (agency administrators have /a/<id>/staff/ and the
# catalogue editor); labelled in Thai like the rest of the site.
admin.site.site_header = "ผู้ดูแลระบบโปร่งใส (Prongsai site administration)"
admin.site.site_title = "ผู้ดูแลระบบโปร่งใส"
admin.site.index_title = "จัดการข้อมูลทั้งระบบ (สำหรับผู้ดูแลระบบสูงสุด)"
# Error pages (errors.py): Thai first with the site header; JSON for /api/, GeoReport for /open311/.
handler400 = "prongsai.web.errors.bad_request"
handler403 = "prongsai.web.errors.permission_denied"
handler404 = "prongsai.web.errors.page_not_found"
handler500 = "prongsai.web.errors.server_error"

urlpatterns = [
    # Each app adds one line here (see docs/architecture.md, "Web conventions"). Django tries them in
    # order: the pages citizens and partner systems open most (tracking, Open311) come first.
    # The JSON API first: its requests (survey answers, the busiest) skip resolving every page's patterns.
    path("api/", api.urls),
    path("", include("prongsai.web.open311.urls")),
    path("", include("prongsai.web.cases.urls")),
    path("", include("prongsai.web.dashboards.urls")),
    path("accounts/", include("prongsai.web.accounts.urls")),
    path("", include("prongsai.web.assessments.urls")),
    path("", include("prongsai.web.documents.urls")),
    path("", include("prongsai.web.audit.urls")),
    path("", include("prongsai.web.plans.urls")),
    path("", include("prongsai.web.participation.urls")),
    path("", include("prongsai.web.services.urls")),
    path("", include("prongsai.web.oit.urls")),
    path("", include("prongsai.web.surveys.urls")),
    path("", include("prongsai.web.agencies.urls_staff")),
    path("", include("prongsai.web.agencies.profile_urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
    # Pages without our <link rel="icon"> (admin, saved HTML documents) still get the icon.
    path("favicon.ico", RedirectView.as_view(url=static("prongsai/favicon.svg"), permanent=True)),
]
