"""URLs of citizen cases: public p/<agency_id>/…, track/…; back office a/<agency_id>/cases/…"""

from django.urls import path

from . import views_public as public
from . import views_staff as staff

app_name = "cases"
urlpatterns = [
    path("p/<int:agency_id>/contact/", public.contact_hub, name="contact"),
    path(
        "p/<int:agency_id>/services/<slug:code>/request/",
        public.case_send,
        {"kind": "request"},
        name="request",
    ),
    path("p/<int:agency_id>/send/<slug:kind>/", public.case_send, name="send"),
    path("p/<int:agency_id>/qa/", public.qa_board, name="qa"),
    path("p/<int:agency_id>/service-stats/", public.stats_page, name="stats"),
    path("track/", public.track_lookup, name="track_lookup"),
    path("track/<str:tracking_no>/<str:secret>/", public.track, name="track"),
    path(
        "track/<str:tracking_no>/<str:secret>/photos/<int:attachment_id>/",
        public.track_photo,
        name="track_photo",
    ),
    path("a/<int:agency_id>/cases/", staff.queue, name="queue"),
    path("a/<int:agency_id>/cases/export.<str:fmt>", staff.queue_export, name="queue_export"),
    path("a/<int:agency_id>/cases/stats.<str:fmt>", staff.stats_export, name="stats_export"),
    path("a/<int:agency_id>/cases/<int:pk>/", staff.case_detail, name="detail"),
    path("a/<int:agency_id>/cases/<int:pk>/photos/<int:attachment_id>/", staff.case_photo, name="photo"),
    path("a/<int:agency_id>/cases/confidential/", staff.confidential_list, name="confidential"),
    path("a/<int:agency_id>/cases/confidential/officers/", staff.confidential_officers, name="officers"),
    path("a/<int:agency_id>/cases/templates/", staff.templates_page, name="templates"),
    path("a/<int:agency_id>/cases/templates/<int:pk>/delete/", staff.template_remove, name="template_delete"),
]
