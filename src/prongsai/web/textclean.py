"""Text is cleaned once, where it enters: every request's query string, form fields and JSON body.

`TextCleanMiddleware` (early in settings.MIDDLEWARE) applies `prongsai.textclean.text_clean` so no view,
form, API schema or admin page ever sees a control character, a lone surrogate or a CR LF: one NUL made
PostgreSQL refuse the statement (500), one backspace in a narrative made every XLSX export and report of
the agency fail. File contents are left as they are; their names Django already strips.

- query string and form fields (urlencoded or multipart): keys and values, when any of them needs it;
- a JSON body (any content type but forms, as django-ninja parses any body): parsed, every string key
  and value cleaned, written back as the request body. A body that is not JSON is left for the view to
  refuse as usual. Bodies without a backslash escape or raw byte that could be unwanted are not parsed.

Requests without such characters cost one regular-expression search per value and nothing else.
"""

from __future__ import annotations

import io
import json
import re

from django.conf import settings
from django.http import QueryDict, UnreadablePostError

from prongsai.textclean import data_clean, text_clean

FORM_TYPES = ("application/x-www-form-urlencoded", "multipart/form-data")
BODY_METHODS = {"POST", "PUT", "PATCH", "DELETE"}
# A JSON body that might hold something to clean: a raw control byte, C1 (U+0080–U+009F in UTF-8), U+FFFE
# or U+FFFF, encoded surrogates, or an escape for one of them (\b, \f, \r, \u0000–\u001f, \u007f–\u009f,
# \ud800–\udfff, \ufffe, \uffff). Anything else parses to clean text and is not looked at.
JSON_SUSPECT = re.compile(
    rb"[\x00-\x08\x0b-\x1f\x7f]|\xc2[\x80-\x9f]|\xef\xbf[\xbe\xbf]|\xed[\xa0-\xbf]"
    rb"|\\[bfr]|\\u(?:00[0189][0-9a-fA-F]|007[fF]|[dD][89a-fA-F]|[fF]{3}[eEfF])"
)


def querydict_clean(data: QueryDict) -> QueryDict | None:
    """A cleaned copy of `data`, or None when nothing in it needed cleaning."""
    lists = list(data.lists())
    if all(text_clean(k) is k and all(text_clean(v) is v for v in vs) for k, vs in lists):
        return None
    out = QueryDict(mutable=True, encoding=data.encoding)
    for key, values in lists:
        for v in values:
            out.appendlist(text_clean(key), text_clean(v))
    out._mutable = False
    return out


def body_clean(body: bytes) -> bytes | None:
    """The JSON `body` with its strings cleaned, or None when it is clean already or not JSON."""
    if not body or JSON_SUSPECT.search(body) is None:
        return None
    try:
        data = json.loads(body)
    except ValueError:  # not JSON (or not UTF-8): the view answers as it would without us
        return None
    cleaned = data_clean(data)
    if cleaned == data:
        return None
    return json.dumps(cleaned, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def _json_body(request) -> None:
    limit = settings.DATA_UPLOAD_MAX_MEMORY_SIZE
    try:
        length = int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        return
    if not length or (limit is not None and length > limit):
        return  # nothing to read, or too big for request.body: Django refuses it where it is read
    try:
        new = body_clean(request.body)
    except UnreadablePostError:
        return
    if new is not None:
        request._body = new
        request._stream = io.BytesIO(new)
        request.META["CONTENT_LENGTH"] = str(len(new))


class TextCleanMiddleware:
    def __init__(self, get_response) -> None:
        self.get_response = get_response

    def __call__(self, request):
        query = request.META.get("QUERY_STRING", "")
        if query and ("%" in query or text_clean(query) is not query):
            cleaned = querydict_clean(request.GET)
            if cleaned is not None:
                request.GET = cleaned
        if request.method in BODY_METHODS:
            if request.content_type in FORM_TYPES:
                if request.method == "POST":
                    try:
                        cleaned = querydict_clean(request.POST)
                    except UnreadablePostError:
                        cleaned = None
                    if cleaned is not None:
                        request.POST = cleaned
            else:
                _json_body(request)
        return self.get_response(request)
