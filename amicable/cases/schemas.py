"""Request and response schemas of the cases API (clients, engagements, cases, deadlines, intake).

Money goes over the wire as a decimal string plus its ISO 4217 currency ("2400.00", "EUR"), never as a
float; datetimes are ISO 8601 with their offset. Request schemas refuse unknown fields, so a typo in a
field name is an error instead of being silently ignored.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Annotated, Any, Literal

from django.core.exceptions import ValidationError as DjangoValidationError
from django.core.validators import validate_email
from ninja import Schema
from pydantic import AwareDatetime, BeforeValidator, ConfigDict, Field, field_validator
from pydantic_core import PydanticCustomError

from amicable.lib.money import quantize

from .models import DisputeType, Engagement, Milestone, Outcome, Stage

DisputeTypeName = Literal[tuple(DisputeType.values)]  # type: ignore[valid-type]
StageName = Literal[tuple(Stage.values)]  # type: ignore[valid-type]
OutcomeName = Literal[tuple(Outcome.values)]  # type: ignore[valid-type]
RateUnitName = Literal[tuple(Engagement.RateUnit.values)]  # type: ignore[valid-type]
MilestoneStatusName = Literal[tuple(Milestone.Status.values)]  # type: ignore[valid-type]
DesiredOutcome = Literal["", "full_payment", "partial_payment", "more_time", "end_engagement", "keep_rights",
                         "clarity", "other"]


def _amount_text(value: Any) -> Any:
    """Accept amounts as strings or whole numbers; refuse floats, which cannot hold cents exactly."""
    if isinstance(value, bool):
        raise PydanticCustomError("amount", "An amount is a number written as a string, like \"1200.50\", "
                                  "not true or false.")
    if isinstance(value, float):
        raise PydanticCustomError("amount", "Send amounts as strings, like \"1200.50\": JSON numbers with "
                                  "decimals cannot hold cents exactly.")
    if isinstance(value, int | Decimal):
        return str(value)
    return value


Amount = Annotated[str, BeforeValidator(_amount_text), Field(examples=["1200.50"])]


def money(value: Decimal | None, currency: str) -> str | None:
    """`value` as a string with the currency's decimals ("2400.00"), or None."""
    return None if value is None else str(quantize(value, currency))


class In(Schema):
    model_config = ConfigDict(extra="forbid")


def _check_email(value: str | None) -> str | None:
    if value:
        try:
            validate_email(value.strip())
        except DjangoValidationError:
            raise PydanticCustomError("email", "“{value}” is not an email address (like ap@example.com).",
                                      {"value": value}) from None
    return value


class ErrorItem(Schema):
    field: str | None = Field(description="The input field at fault, dotted for nested fields; null if none.")
    message: str


class ErrorOut(Schema):
    message: str
    errors: list[ErrorItem]


ERRORS: dict[int, type[Schema]] = {400: ErrorOut, 401: ErrorOut, 404: ErrorOut, 422: ErrorOut}


# Clients ---------------------------------------------------------------------------------------------

class ClientIn(In):
    name: str = Field(max_length=200, examples=["Northwind Studio"])
    contact_name: str = Field("", max_length=200)
    email: str = Field("", max_length=254)
    phone: str = Field("", max_length=50)
    address: str = ""
    country: str = Field("", max_length=2, description="ISO 3166-1 alpha-2, like DE")
    jurisdiction: str = Field("", max_length=20, description="Like DE, GB-ENG, US-NY")
    notes: str = ""
    workspace_id: int | None = Field(None, description="Defaults to your first workspace where you can edit.")

    _email = field_validator("email")(_check_email)


class ClientPatch(In):
    name: str | None = Field(None, max_length=200)
    contact_name: str | None = Field(None, max_length=200)
    email: str | None = Field(None, max_length=254)
    phone: str | None = Field(None, max_length=50)
    address: str | None = None
    country: str | None = Field(None, max_length=2)
    jurisdiction: str | None = Field(None, max_length=20)
    notes: str | None = None

    _email = field_validator("email")(_check_email)


class ClientOut(Schema):
    id: int
    workspace_id: int
    name: str
    contact_name: str
    email: str
    phone: str
    address: str
    country: str
    jurisdiction: str
    notes: str
    created_at: dt.datetime


# Engagements, milestones, invoices, payments ---------------------------------------------------------

class EngagementIn(In):
    client_id: int
    title: str = Field(max_length=200, examples=["Website redesign"])
    currency: str = Field(examples=["EUR"], description="ISO 4217 code")
    scope: str = Field("", description="What was agreed")
    rate: Amount | None = None
    rate_unit: RateUnitName = "hour"  # type: ignore[valid-type]
    start_date: dt.date | None = None
    end_date: dt.date | None = None


class EngagementPatch(In):
    title: str | None = Field(None, max_length=200)
    currency: str | None = None
    scope: str | None = None
    rate: Amount | None = None
    rate_unit: RateUnitName | None = None  # type: ignore[valid-type]
    start_date: dt.date | None = None
    end_date: dt.date | None = None


class MilestoneIn(In):
    title: str = Field(max_length=200)
    amount: Amount
    due_date: dt.date | None = None
    status: MilestoneStatusName = "planned"  # type: ignore[valid-type]
    delivered_on: dt.date | None = None


class MilestonePatch(In):
    status: MilestoneStatusName  # type: ignore[valid-type]
    delivered_on: dt.date | None = None


class MilestoneOut(Schema):
    id: int
    engagement_id: int
    title: str
    amount: str
    currency: str
    due_date: dt.date | None
    status: str
    delivered_on: dt.date | None

    @staticmethod
    def resolve_amount(obj: Milestone) -> str | None:
        return money(obj.amount, obj.engagement.currency)

    @staticmethod
    def resolve_currency(obj: Milestone) -> str:
        return obj.engagement.currency


class InvoiceIn(In):
    number: str = Field(max_length=50, examples=["INV-2026-014"])
    amount: Amount
    issue_date: dt.date
    due_date: dt.date


class PaymentIn(In):
    amount: Amount
    received_on: dt.date
    note: str = Field("", max_length=200)


class PaymentOut(Schema):
    id: int
    invoice_id: int
    amount: str
    currency: str
    received_on: dt.date
    note: str
    created_at: dt.datetime

    @staticmethod
    def resolve_amount(obj: Any) -> str | None:
        return money(obj.amount, obj.invoice.currency)

    @staticmethod
    def resolve_currency(obj: Any) -> str:
        return str(obj.invoice.currency)


class InvoiceOut(Schema):
    id: int
    engagement_id: int
    number: str
    amount: str
    currency: str
    issue_date: dt.date
    due_date: dt.date
    paid: str
    outstanding: str
    days_overdue: int
    payments: list[PaymentOut]

    @staticmethod
    def resolve_amount(obj: Any) -> str | None:
        return money(obj.amount, obj.currency)

    @staticmethod
    def resolve_paid(obj: Any) -> str | None:
        return money(obj.paid(), obj.currency)

    @staticmethod
    def resolve_outstanding(obj: Any) -> str | None:
        return money(obj.outstanding(), obj.currency)

    @staticmethod
    def resolve_days_overdue(obj: Any) -> int:
        return int(obj.days_overdue())

    @staticmethod
    def resolve_payments(obj: Any) -> list[Any]:
        return list(obj.payments.all())


class EngagementOut(Schema):
    id: int
    workspace_id: int
    client_id: int
    client_name: str
    title: str
    scope: str
    rate: str | None
    rate_unit: str
    currency: str
    start_date: dt.date | None
    end_date: dt.date | None
    created_at: dt.datetime

    @staticmethod
    def resolve_client_name(obj: Engagement) -> str:
        return obj.client.name

    @staticmethod
    def resolve_rate(obj: Engagement) -> str | None:
        return money(obj.rate, obj.currency)


class EngagementDetailOut(EngagementOut):
    milestones: list[MilestoneOut]
    invoices: list[InvoiceOut]
    case_ids: list[int]

    @staticmethod
    def resolve_milestones(obj: Engagement) -> list[Any]:
        return list(obj.milestones.all())

    @staticmethod
    def resolve_invoices(obj: Engagement) -> list[Any]:
        return list(obj.invoices.prefetch_related("payments"))

    @staticmethod
    def resolve_case_ids(obj: Engagement) -> list[int]:
        return list(obj.cases.order_by("pk").values_list("pk", flat=True))


# Cases, deadlines, events, intake --------------------------------------------------------------------

class CaseIn(In):
    engagement_id: int
    title: str = Field(max_length=200, examples=["Unpaid invoice INV-2026-014"])
    dispute_types: list[DisputeTypeName] = Field(default_factory=list)  # type: ignore[valid-type]
    amount: Amount | None = Field(None, description="Amount in dispute")
    currency: str = Field("", description="ISO 4217; defaults to the engagement's currency")
    summary: str = ""


class CasePatch(In):
    title: str | None = Field(None, max_length=200)
    summary: str | None = None
    amount: Amount | None = Field(None, description="Amount in dispute")
    currency: str | None = None


class TransitionIn(In):
    stage: StageName = Field(description="The stage to move to")  # type: ignore[valid-type]
    outcome: OutcomeName | Literal[""] = Field("", description="Required when closing")  # type: ignore[valid-type]
    amount_recovered: Amount | None = Field(None, description="When closing")
    note: str = Field("", max_length=500)


class DeadlineIn(In):
    what: str = Field(max_length=200, examples=["Client's reply to the final notice"])
    due_at: AwareDatetime = Field(description="ISO 8601 with a time zone offset, like 2026-12-01T17:00:00+01:00")
    if_missed: str = Field("", max_length=300)
    step: int | None = Field(None, description="Playbook step 1-10 this deadline belongs to")


class DeadlineCancelIn(In):
    reason: str = Field("", max_length=300)


class DeadlineOut(Schema):
    id: int
    case_id: int
    what: str
    due_at: dt.datetime
    if_missed: str
    step: int | None
    done_at: dt.datetime | None
    cancelled_at: dt.datetime | None
    is_open: bool
    is_overdue: bool


class EventOut(Schema):
    id: int
    at: dt.datetime
    kind: str
    summary: str
    actor: str | None
    data: dict[str, Any]

    @staticmethod
    def resolve_actor(obj: Any) -> str | None:
        return obj.actor.name if obj.actor is not None else None


class CaseOut(Schema):
    id: int
    workspace_id: int
    engagement_id: int
    client_id: int
    client_name: str
    title: str
    dispute_types: list[str]
    amount_in_dispute: str | None
    currency: str
    stage: str
    outcome: str
    amount_recovered: str | None
    summary: str
    types_confirmed_at: dt.datetime | None
    opened_at: dt.datetime
    closed_at: dt.datetime | None

    @staticmethod
    def resolve_client_id(obj: Any) -> int:
        return int(obj.engagement.client_id)

    @staticmethod
    def resolve_client_name(obj: Any) -> str:
        return str(obj.engagement.client.name)

    @staticmethod
    def resolve_amount_in_dispute(obj: Any) -> str | None:
        return money(obj.amount_in_dispute, obj.currency)

    @staticmethod
    def resolve_amount_recovered(obj: Any) -> str | None:
        return money(obj.amount_recovered, obj.currency)


class CaseDetailOut(CaseOut):
    intake: dict[str, Any]
    allowed_moves: list[str]
    deadlines: list[DeadlineOut]

    @staticmethod
    def resolve_allowed_moves(obj: Any) -> list[str]:
        from .flows import allowed_moves

        return allowed_moves(obj.stage)

    @staticmethod
    def resolve_deadlines(obj: Any) -> list[Any]:
        return list(obj.deadlines.all())


class IntakeIn(In):
    """Intake answers. Fields you leave out keep their saved answer."""

    agreed: str | None = Field(None, description="What was agreed")
    delivered: str | None = Field(None, description="What you delivered, and when")
    delivered_on: dt.date | None = None
    client_says: str | None = None
    you_say: str | None = None
    amount: Amount | None = Field(None, description="Becomes the amount in dispute")
    currency: str | None = None
    desired_outcome: DesiredOutcome | None = None


class TypesIn(In):
    dispute_types: list[DisputeTypeName]  # type: ignore[valid-type]


class SuggestionOut(Schema):
    type: str
    label: str
    score: int
    reasons: list[str]


class IntakeOut(Schema):
    case_id: int
    answers: dict[str, Any]
    suggestions: list[SuggestionOut]
    dispute_types: list[str]
    types_confirmed_at: dt.datetime | None
