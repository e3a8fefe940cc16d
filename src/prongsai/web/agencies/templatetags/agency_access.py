"""`{% agency_can agency "manage_staff" as can %}`: what the signed-in user may do, for menus in base.html."""

from django import template

from ..selectors import user_can

register = template.Library()


@register.simple_tag(takes_context=True)
def agency_can(context, agency, action: str) -> bool:
    request = context.get("request")
    if request is None or not getattr(agency, "pk", None):
        return False
    return user_can(user=request.user, agency=agency, action=action)
