"""Forms for the messaging pages (validation at the edge; services check again)."""

from __future__ import annotations

from django import forms

from amicable.forms import AccessibleForm

from . import compose
from .models import Concern


class ConcernForm(AccessibleForm):
    quote = forms.CharField(widget=forms.Textarea(attrs={"rows": 3}), max_length=5000,
                            help_text="Paste the client's words exactly as they wrote them.")
    type = forms.ChoiceField(choices=Concern.Type.choices, initial=Concern.Type.OTHER)
    source_ref = forms.CharField(required=False, max_length=300, label="Where they said it",
                                 help_text="For example: email of 3 March, call on Tuesday, WhatsApp.")
    summary = forms.CharField(required=False, max_length=300, label="In your neutral words (optional)",
                              help_text="Used in the acknowledgement instead of the restated quote.")
    evidence_item_id = forms.IntegerField(required=False, min_value=1, label="Evidence item number (optional)")


class StatusForm(forms.Form):
    status = forms.ChoiceField(choices=Concern.Status.choices)


class AnswerForm(AccessibleForm):
    answer = forms.CharField(widget=forms.Textarea(attrs={"rows": 2}), max_length=5000)
    source_ref = forms.CharField(required=False, max_length=300, label="Where they answered")


class NewDraftForm(forms.Form):
    kind = forms.ChoiceField(choices=[(k, v) for k, v in compose.KINDS.items() if k in compose.SIMPLE])


class DraftForm(AccessibleForm):
    to_email = forms.CharField(required=False, max_length=254, label="To",
                               widget=forms.EmailInput(attrs={"autocomplete": "email"}))
    subject = forms.CharField(required=False, max_length=300)
    body = forms.CharField(required=False, widget=forms.Textarea(attrs={"rows": 16}), label="Message")


class CoolOffForm(AccessibleForm):
    until = forms.DateTimeField(label="Remind me at", widget=forms.DateTimeInput(attrs={"type": "datetime-local"}),
                                input_formats=["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M"])


class MailSettingsForm(AccessibleForm):
    host = forms.CharField(max_length=255, label="SMTP server")
    port = forms.IntegerField(min_value=1, max_value=65535, initial=587)
    security = forms.ChoiceField(choices=[("starttls", "STARTTLS"), ("ssl", "SSL/TLS"), ("none", "None")])
    username = forms.CharField(required=False, max_length=255, label="User name")
    password = forms.CharField(required=False, max_length=255, widget=forms.PasswordInput(render_value=False),
                               help_text="Leave empty to keep the stored password. It is never shown.")
    from_email = forms.EmailField(label="From address")
    timeout = forms.IntegerField(min_value=1, max_value=120, initial=20, help_text="Seconds.")
