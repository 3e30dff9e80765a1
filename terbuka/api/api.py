"""The open API, ``/api/v1/`` (issue 15), built with django-ninja.

Why django-ninja rather than DRF with drf-spectacular: the schema is generated from the
same pydantic types that validate the input and shape the output, so it cannot drift from
the code (drf-spectacular infers it from serializers and needs hints where it guesses);
the whole API is a few typed functions calling our actions, with no serializer, viewset
or router layer to keep beside the forms; and it ships Swagger UI as static files, served
by WhiteNoise under our strict CSP (no CDN, no inline script: the page reads its settings
from a JSON data block and starts from a static JS file). Both are permissively licensed
(MIT, BSD), fine with the AGPL.
"""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _
from ninja import NinjaAPI

from terbuka.api import figures, me, partner, problems, public, schemas


class TerbukaApi(NinjaAPI):
    def get_openapi_schema(
        self, *, path_prefix: str | None = None, path_params: dict[str, Any] | None = None
    ) -> Any:
        """The generated schema, with error answers declared as ``application/problem+json``
        (RFC 9457) as they are sent, and on every operation the 400 that any request may
        get for a NUL character (``portal.middleware.RefuseNulMiddleware``)."""
        schema = super().get_openapi_schema(path_prefix=path_prefix, path_params=path_params)
        problem = {"schema": {"$ref": "#/components/schemas/Problem"}}
        for operations in schema.get("paths", {}).values():
            for operation in operations.values():
                answers = operation.setdefault("responses", {})
                if 400 not in answers and "400" not in answers:
                    answers[400] = {
                        "description": "Bad Request",
                        "content": {"application/json": problem},
                    }
                for code, answer in operation.get("responses", {}).items():
                    if str(code).startswith(("4", "5")) and "content" in answer:
                        answer["content"] = {
                            problems.MEDIA_TYPE: next(iter(answer["content"].values()))
                        }
        return schema


api = TerbukaApi(
    title="Terbuka API",
    version="1",
    description=str(
        _(
            "API terbuka layanan informasi publik (UU 14/2008). Bagian publik tanpa kunci; "
            "sistem mitra memakai token (Authorization: Bearer …) yang diterbitkan "
            "administrator; pemohon membaca permohonannya sendiri dengan sesi masuknya atau "
            "dengan token pribadi yang dibuatnya di halaman Token API."
        )
    ),
    urls_namespace="api",
    openapi_url="/schema/",
    docs_url="/docs/",
    renderer=schemas.RENDERER,
)
problems.install(api)
api.add_router("/", public.router)
api.add_router("/", figures.router)
api.add_router("/partner/", partner.router)
api.add_router("/me/", me.router)
