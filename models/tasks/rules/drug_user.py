"""Drug users in the community (社会面吸毒人员): Art. 41(三)."""

from __future__ import annotations

from datetime import date

from models.roster.workcalendar import WorkCalendar
from models.tasks.facts import EventKind, Obligation, Record
from models.tasks.rules.common import RuleInfo
from models.tasks.rules.periods import add_months
from models.tasks.rules.shapes import chain

RISK_ASSESSMENT = RuleInfo("drug_user.risk_assessment", "41(三)", EventKind.ASSESSMENT)

STEP_MONTHS = 6  # "至少每半年配合开展一次风险类别评估"


def risk_assessment(record: Record, calendar: WorkCalendar, horizon: date) -> list[Obligation]:
    """对辖区社会面吸毒人员,社区民警至少每半年配合开展一次风险类别评估 (Art. 41(三)).

    The first assessment is due 6 months after the registration (the record's start);
    after an assessment on A the next opens on A + 1 and is due 6 months after A.
    """
    return chain(RISK_ASSESSMENT, record, horizon, add_months(record.start, STEP_MONTHS),
                 lambda day: add_months(day, STEP_MONTHS))
