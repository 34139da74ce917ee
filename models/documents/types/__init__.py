"""The document types, by the name the CLI and the register use."""

from __future__ import annotations

from models.documents.types.assessment import AssessmentBulletin, AssessmentForm
from models.documents.types.base import Context, DocumentType, Issuer, format_number
from models.documents.types.bulletins import IncidentBulletin
from models.documents.types.forms import DispatchOrder, DutyRota
from models.documents.types.legal import RectificationNotice, RightsExpiryNotice
from models.documents.types.letters import Commendation, PoliceNotice, WarningAdvice

TYPES: dict[str, DocumentType] = {
    t.name: t
    for t in (
        DispatchOrder(),
        RectificationNotice(),
        WarningAdvice(),
        PoliceNotice(),
        RightsExpiryNotice(),
        IncidentBulletin(),
        AssessmentBulletin(),
        AssessmentForm(),
        DutyRota(),
        Commendation(),
    )
}

__all__ = ["TYPES", "Context", "DocumentType", "Issuer", "format_number"]
