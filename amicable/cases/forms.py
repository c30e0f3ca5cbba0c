from __future__ import annotations

from django import forms

from amicable.forms import AccessibleForm, DateInput, DateTimeInput
from amicable.lib.money import COMMON_CURRENCIES, CURRENCIES

from .models import DisputeType, Engagement, Milestone, Outcome

CURRENCY_CHOICES = [(c, c) for c in COMMON_CURRENCIES] + [(c, c) for c in CURRENCIES if c not in COMMON_CURRENCIES]
# Amounts are typed as text so that "1,200.50" works and "12abc" gets a precise message from lib.money.
AMOUNT = {"widget": forms.TextInput(attrs={"inputmode": "decimal", "autocomplete": "off"})}


class ClientForm(AccessibleForm):
    name = forms.CharField(max_length=200, label="Client name", help_text="The company or person you worked for.")
    contact_name = forms.CharField(max_length=200, required=False, label="Contact person")
    email = forms.EmailField(required=False)
    phone = forms.CharField(max_length=50, required=False)
    address = forms.CharField(widget=forms.Textarea(attrs={"rows": 3}), required=False)
    country = forms.CharField(max_length=60, required=False, help_text="Two-letter code, like DE, GB or US.")
    jurisdiction = forms.CharField(max_length=20, required=False,
                                   help_text="Where the law that applies is, if you know it: DE, GB-ENG, US-NY…")
    notes = forms.CharField(widget=forms.Textarea(attrs={"rows": 3}), required=False)


class EngagementForm(AccessibleForm):
    client = forms.ChoiceField(label="Client")
    title = forms.CharField(max_length=200, help_text="What the project is called, like “Website redesign”.")
    scope = forms.CharField(widget=forms.Textarea(attrs={"rows": 4}), required=False, label="Agreed scope",
                            help_text="What you agreed to deliver. Quote the brief or the quote if you can.")
    currency = forms.ChoiceField(choices=CURRENCY_CHOICES)
    rate = forms.CharField(required=False, label="Rate", help_text="Optional. Digits only, like 85 or 85.50.", **AMOUNT)
    rate_unit = forms.ChoiceField(choices=Engagement.RateUnit.choices, label="Rate unit")
    start_date = forms.DateField(required=False, widget=DateInput)
    end_date = forms.DateField(required=False, widget=DateInput)

    def __init__(self, *args: object, clients: list[tuple[int, str]] = (), **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        self.fields["client"].choices = [("", "Choose a client…"), *clients]


class MilestoneForm(AccessibleForm):
    title = forms.CharField(max_length=200, label="Milestone")
    amount = forms.CharField(label="Amount", **AMOUNT)
    due_date = forms.DateField(required=False, widget=DateInput)
    status = forms.ChoiceField(choices=Milestone.Status.choices)
    delivered_on = forms.DateField(required=False, widget=DateInput, label="Delivered on")


class InvoiceForm(AccessibleForm):
    number = forms.CharField(max_length=50, label="Invoice number")
    amount = forms.CharField(label="Amount", **AMOUNT)
    issue_date = forms.DateField(widget=DateInput, label="Issued on")
    due_date = forms.DateField(widget=DateInput, label="Due on")


class PaymentForm(AccessibleForm):
    amount = forms.CharField(label="Amount received", **AMOUNT)
    received_on = forms.DateField(widget=DateInput, label="Received on")
    note = forms.CharField(max_length=200, required=False)


class CaseOpenForm(AccessibleForm):
    engagement = forms.ChoiceField(label="Engagement", help_text="The project the dispute is about.")
    title = forms.CharField(max_length=200, label="Case title", help_text="A short name, like “Unpaid invoice 0042”.")


class IntakeForm(AccessibleForm):
    OUTCOMES = [
        ("", "Choose…"), ("full_payment", "Be paid in full"), ("partial_payment", "Be paid for the work done"),
        ("more_time", "More time to deliver"), ("end_engagement", "End the engagement cleanly"),
        ("keep_rights", "Keep control of the rights to my work"), ("clarity", "Agree on what is in scope"),
        ("other", "Something else"),
    ]
    agreed = forms.CharField(widget=forms.Textarea(attrs={"rows": 4}), label="What was agreed?",
                             help_text="Deliverables, price, deadlines, revisions: as they were agreed.")
    delivered = forms.CharField(widget=forms.Textarea(attrs={"rows": 3}), label="What did you deliver, and when?")
    delivered_on = forms.DateField(required=False, widget=DateInput, label="Date of the last delivery")
    client_says = forms.CharField(widget=forms.Textarea(attrs={"rows": 3}), label="What does the client say?",
                                  help_text="In their words if you can: paste the key sentence from their email.")
    you_say = forms.CharField(widget=forms.Textarea(attrs={"rows": 3}), label="What do you say?")
    amount = forms.CharField(required=False, label="Amount in dispute", **AMOUNT)
    currency = forms.ChoiceField(choices=CURRENCY_CHOICES, required=False)
    desired_outcome = forms.ChoiceField(choices=OUTCOMES, required=False, label="What outcome do you want?")


class ConfirmTypesForm(AccessibleForm):
    dispute_types = forms.MultipleChoiceField(choices=DisputeType.choices, widget=forms.CheckboxSelectMultiple,
                                              label="Types of dispute")


class TransitionForm(AccessibleForm):
    to = forms.ChoiceField(label="Move to stage")
    outcome = forms.ChoiceField(choices=[("", "—")] + list(Outcome.choices), required=False,
                                help_text="Only when closing the case.")
    amount_recovered = forms.CharField(required=False, label="Amount recovered", help_text="Only when closing.",
                                       **AMOUNT)
    note = forms.CharField(required=False, max_length=500, label="Note (optional)")

    def __init__(self, *args: object, moves: list[tuple[str, str]] = (), **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        self.fields["to"].choices = moves


class DeadlineForm(AccessibleForm):
    what = forms.CharField(max_length=200, label="What is due")
    due_at = forms.DateTimeField(widget=DateTimeInput, label="Due at", help_text="In your time zone.")
    if_missed = forms.CharField(max_length=300, required=False, label="What happens if it passes")
    step = forms.TypedChoiceField(coerce=int, required=False, empty_value=None, label="Playbook step",
                                  choices=[("", "—")] + [(i, str(i)) for i in range(1, 11)])
