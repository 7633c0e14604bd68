"""The caller's JP transcript of a year: a signed CLR 2.0 credential, or the same printed as a PDF with its QR code."""

from __future__ import annotations

from typing import Annotated

from litestar import Controller, Request, Response, get, post
from litestar.di import NamedDependency
from litestar.params import QueryParameter

from api.schemas.credentials import CredentialOut
from gamification.credentials.transcripts import JpTranscripts

Year = Annotated[int | None, QueryParameter(ge=2000, le=2100, description="Default: this year in the caller's region")]
PROBLEMS = (403, 409, 422)


class MyTranscriptController(Controller):
    path = "/api/v1/me/jp-transcript"
    tags = ["me"]

    @post("/credential", opt={"problems": PROBLEMS})
    async def credential(
        self, request: Request, jp_transcripts: NamedDependency[JpTranscripts], year: Year = None
    ) -> Response[CredentialOut]:
        """The caller's JP transcript of the year as a signed Comprehensive Learner Record 2.0 credential."""
        issued = await jp_transcripts.issue(request.user, year, str(request.base_url))
        return Response(
            CredentialOut(issued.id, issued.kid, issued.jwt, issued.credential),
            status_code=201,
            headers={"Cache-Control": "no-store"},
        )

    @get("/pdf", media_type="application/pdf", opt={"problems": PROBLEMS})
    async def pdf(
        self, request: Request, jp_transcripts: NamedDependency[JpTranscripts], year: Year = None
    ) -> Response[bytes]:
        """The caller's JP transcript of the year as a printable PDF whose QR code leads to its verification."""
        printed = await jp_transcripts.printed(request.user, year, str(request.base_url))
        headers = {
            "Cache-Control": "no-store",
            "Content-Disposition": f'attachment; filename="{printed.filename}"',
        }
        return Response(printed.pdf, media_type="application/pdf", headers=headers)
