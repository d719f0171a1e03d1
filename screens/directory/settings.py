"""The partnership's settings: its name, the classification marking, the name the
audit trail records, the default quorum, the amber window, the partnership's own
closure days, when each kind of meeting is quorate, and which bodies report to
which (`S`, or the palette)."""

from __future__ import annotations

from typing import Any

from screens.common.form import Field, FormScreen
from screens.common.forms import YES_NO
from store import Store
from store.domain.closures import ClosureDay, closure_days_text, read_closure_days
from store.domain.errors import InvalidValue
from store.domain.fields import SettingsFields
from store.domain.kinds import AgencyKind, MeetingKind
from store.domain.models.directory import OUTSIDE, QuorumRule
from store.domain.quorum import rule_label, rule_text

_THREE = [AgencyKind.LOCAL_AUTHORITY, AgencyKind.HEALTH, AgencyKind.POLICE]
_TWO = [AgencyKind.LOCAL_AUTHORITY, AgencyKind.HEALTH]
# The rules a chair chooses from (domain.md's, and their near neighbours); a rule
# set some other way (quorate settings --quorum-rules) is offered too.
RULE_CHOICES = (
    QuorumRule(partners=_THREE, by_partner_leads=True),
    QuorumRule(partners=_THREE),
    QuorumRule(partners=_TWO, by_partner_leads=True),
    QuorumRule(partners=_TWO),
    QuorumRule(members=True),
    QuorumRule(),
)
# The bodies whose actions may be reported to another kind of meeting.
BODIES: tuple[tuple[str, str], ...] = (
    *((kind.value, kind.label) for kind in MeetingKind),
    (OUTSIDE, "Actions raised outside a meeting"),
)


class SettingsForm(FormScreen):
    def __init__(self, store: Store):
        self.store = store
        current = store.settings.get()
        self.rules: dict[str, QuorumRule] = {rule_text(r): r for r in RULE_CHOICES}
        rule_fields = []
        for kind in MeetingKind:
            rule = current.quorum_rules.get(kind, QuorumRule())
            self.rules.setdefault(rule_text(rule), rule)
            choices = list(RULE_CHOICES)
            if rule not in choices:
                choices.append(rule)
            rule_fields.append(
                Field(
                    f"rule_{kind.value}",
                    f"{kind.label}: quorate when",
                    rule_text(rule),
                    options=[(rule_label(r), rule_text(r)) for r in choices],
                    allow_blank=False,
                )
            )
        report_fields = [
            Field(
                f"reports_{body}",
                f"{label}: actions also reported to (blank: its own series only)",
                to.value if (to := current.reports_to.get(body)) else None,
                options=[(k.label, k.value) for k in MeetingKind if k.value != body],
            )
            for body, label in BODIES
        ]
        super().__init__(
            "Settings for this file",
            [
                Field("partnership_name", "Partnership's name", current.partnership_name),
                Field(
                    "classification",
                    "Classification marking (on every page of the minutes)",
                    current.classification,
                ),
                Field(
                    "user_name",
                    "Your name, as the audit trail records it (blank: your login name)",
                    current.user_name or "",
                ),
                Field(
                    "quorum_members",
                    "Quorum of a new partnership board or sub-group (members; blank: none)",
                    "" if current.quorum_members is None else current.quorum_members,
                    placeholder="none",
                ),
                Field(
                    "amber_days",
                    "Amber window: an open action due within this many days is amber",
                    current.amber_days,
                ),
                Field(
                    "closure_days",
                    "Closure days: working-day deadlines skip them (commas between days)",
                    closure_days_text(store.settings.closure_days()),
                    placeholder="none; e.g. 29 Dec 2026 Christmas closure, 30 Dec 2026",
                ),
                *rule_fields,
                Field(
                    "each_local_authority",
                    "Several local authorities: each must be represented (No: any one)",
                    current.each_local_authority,
                    options=YES_NO,
                    allow_blank=False,
                ),
                *report_fields,
                Field(
                    "review_milestones",
                    "Rapid review milestones, in working days (blank: domain.md's)",
                    current.review_milestones,
                ),
                Field(
                    "review_day0",
                    "Rapid review: day 0 of the 15 working days",
                    current.review_day0,
                    options=[
                        ("The notification was sent", "notification"),
                        ("The referral was received", "referral"),
                    ],
                    allow_blank=False,
                ),
                Field(
                    "escalation_policy",
                    "Escalation stages: name (who holds it) working days; urgent hours",
                    current.escalation_policy,
                ),
            ],
        )

    def save(self, values: dict[str, Any]) -> bool:
        closures: list[ClosureDay] = []
        try:
            typed = str(values["closure_days"] or "")
            closures = read_closure_days(typed, today=self.store.clock().date())
        except InvalidValue as closing:
            problems = dict(closing.errors)
        else:
            problems = {}
        rules = {
            kind.value: self.rules[values[f"rule_{kind.value}"]].model_dump(mode="json")
            for kind in MeetingKind
        }
        reports = {
            body: str(values[f"reports_{body}"])
            for body, _label in BODIES
            if values[f"reports_{body}"] is not None
        }
        changes: SettingsFields = {
            "partnership_name": str(values["partnership_name"] or ""),
            "classification": str(values["classification"] or ""),
            "user_name": str(values["user_name"] or "") or None,
            "quorum_members": str(values["quorum_members"] or ""),
            "amber_days": str(values["amber_days"] or ""),
            "quorum_rules": rules,
            "each_local_authority": bool(values["each_local_authority"]),
            "reports_to": reports,
            "review_milestones": str(values["review_milestones"] or ""),
            "review_day0": str(values["review_day0"]),
            "escalation_policy": str(values["escalation_policy"] or ""),
        }
        if problems:
            # Say every problem at once: the settings' own, checked without saving.
            try:
                self.store.settings.check(**changes)
            except InvalidValue as exc:
                problems = exc.errors | problems
            raise InvalidValue(problems)
        self.store.settings.update(**changes)
        self.store.settings.set_closure_days(closures)
        return True
