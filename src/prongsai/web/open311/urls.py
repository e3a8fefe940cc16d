"""URLs of Open311 GeoReport v2 (/open311/v2/…{.json,.xml}) and the API-key page a/<agency_id>/open311/keys/."""

from django.urls import path, register_converter

from . import views


class FormatConverter:
    regex = "json|xml"

    def to_python(self, value: str) -> str:
        return value

    def to_url(self, value: str) -> str:
        return value


register_converter(FormatConverter, "fmt")

app_name = "open311"
urlpatterns = [
    path("open311/v2/discovery.<fmt:fmt>", views.discovery, name="discovery"),
    path("open311/v2/services.<fmt:fmt>", views.service_list, name="services"),
    path("open311/v2/services/<str:code>.<fmt:fmt>", views.service_definition, name="service"),
    path("open311/v2/requests.<fmt:fmt>", views.requests_endpoint, name="requests"),
    path("open311/v2/requests/<str:request_id>.<fmt:fmt>", views.request_detail, name="request"),
    # The GeoReport v2 Swagger document spells this path in the singular; clients generated from it use that.
    path("open311/v2/request/<str:request_id>.<fmt:fmt>", views.request_detail, name="request_singular"),
    path("open311/v2/tokens/<str:token>.<fmt:fmt>", views.token_detail, name="token"),
    path("a/<int:agency_id>/open311/keys/", views.keys_page, name="keys"),
    path("a/<int:agency_id>/open311/keys/<int:pk>/revoke/", views.key_revoke, name="key_revoke"),
]
