"""A stand-in for the redaction app's URL names (the contract), to test the link the
shield builds before that app is merged."""

from django.http import HttpResponse
from django.urls import include, path


def page(request: object, **kwargs: object) -> HttpResponse:
    return HttpResponse()


redaction = (
    [
        path("berkas/<uuid:file_public_id>/", page, name="request_file"),
        path("versi/<uuid:public_id>/", page, name="document_version"),
    ],
    "redaction",
)
urlpatterns = [path("hitamkan/", include(redaction))]
