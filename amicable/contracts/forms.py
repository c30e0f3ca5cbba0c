"""Forms for contract pages."""

from __future__ import annotations

from django import forms

from amicable.forms import AccessibleForm

from .deal import DISPUTE_METHODS


class ContractUploadForm(AccessibleForm):
    file = forms.FileField(help_text="PDF, Word (DOCX), Markdown, HTML or plain text. The original file is kept.")
    title = forms.CharField(max_length=200, required=False, help_text="Optional, e.g. “Signed agreement, May 2026”.")


class DealForm(AccessibleForm):
    """What was agreed when there is no written contract (same fields as the key terms)."""

    source = forms.CharField(max_length=200, required=False, label="Where was this agreed?",
                             help_text="e.g. “by email on 3 May 2026” or “on a call on 12 June”.")
    fee = forms.DecimalField(required=False, min_value=0, max_digits=15, decimal_places=3, label="Total fee")
    payment_due_days = forms.IntegerField(required=False, min_value=0, max_value=365,
                                          label="Invoices due after (days)")
    late_fee_rate = forms.DecimalField(required=False, min_value=0, max_value=100, max_digits=6, decimal_places=3,
                                       label="Late-payment interest (%)")
    late_fee_period = forms.ChoiceField(required=False, choices=[("month", "per month"), ("year", "per year")],
                                        label="Interest period")
    late_fee_flat = forms.DecimalField(required=False, min_value=0, max_digits=15, decimal_places=3,
                                       label="Or a flat late fee")
    deposit_percent = forms.DecimalField(required=False, min_value=0, max_value=100, max_digits=6, decimal_places=2,
                                         label="Deposit (%)")
    deposit_amount = forms.DecimalField(required=False, min_value=0, max_digits=15, decimal_places=3,
                                        label="Or a deposit amount")
    revision_rounds = forms.IntegerField(required=False, min_value=0, max_value=50, label="Revision rounds included")
    kill_fee_percent = forms.DecimalField(required=False, min_value=0, max_value=100, max_digits=6, decimal_places=2,
                                          label="Kill fee (% of the remaining fee)")
    kill_fee_when = forms.CharField(required=False, max_length=200, label="Kill fee applies when",
                                    help_text="e.g. “after work has started”.")
    termination_notice_days = forms.IntegerField(required=False, min_value=0, max_value=365,
                                                 label="Notice to end the work (days)")
    deemed_acceptance_days = forms.IntegerField(required=False, min_value=0, max_value=365,
                                                label="Work counts as accepted after (days without objection)")
    ip_on_full_payment = forms.TypedChoiceField(
        required=False, label="Rights in the work pass to the client",
        choices=[("", "Not discussed"), ("yes", "Only once paid in full"), ("no", "Without a payment condition")],
        coerce=lambda v: {"yes": True, "no": False}.get(v), empty_value=None)
    governing_law = forms.CharField(required=False, max_length=100, label="Governing law",
                                    help_text="e.g. “England and Wales”.")
    venue = forms.CharField(required=False, max_length=100, label="Courts or venue")
    dispute_methods = forms.MultipleChoiceField(required=False, choices=[(m, m.capitalize()) for m in DISPUTE_METHODS],
                                                widget=forms.CheckboxSelectMultiple,
                                                label="Agreed ways to settle a dispute (in this order)")

    def clean(self) -> dict:
        data = super().clean()
        if data.get("late_fee_rate") is not None and data.get("late_fee_flat") is not None:
            self.add_error("late_fee_flat", "Give either an interest rate or a flat fee, not both.")
        if data.get("deposit_percent") is not None and data.get("deposit_amount") is not None:
            self.add_error("deposit_amount", "Give either a percentage or an amount, not both.")
        return data

    def terms(self) -> dict:
        """The cleaned terms for services.deal_save."""
        return {k: v for k, v in self.cleaned_data.items() if v not in (None, "", [])}
