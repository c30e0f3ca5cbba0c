"""Forms of the evidence pages: timeline filters, upload, notes, tags, corrections, redactions."""

from __future__ import annotations

import datetime as dt
import zoneinfo

from django import forms
from django.utils import timezone

from amicable.forms import AccessibleForm, DateInput, DateTimeInput

from .leaves import REDACTABLE_FIELDS
from .models import Kind, Visibility
from .selectors import KEY_TAGS, TimelineFilters


def _zone_choices() -> list[tuple[str, str]]:
    zones = sorted(z for z in zoneinfo.available_timezones() if "/" in z and not z.startswith(("Etc/", "SystemV/")))
    return [("", "Not needed / as in the file"), ("UTC", "UTC"), *[(z, z.replace("_", " ")) for z in zones]]


class TimelineFilterForm(AccessibleForm):
    kind = forms.MultipleChoiceField(choices=Kind.choices, required=False, widget=forms.CheckboxSelectMultiple)
    person = forms.CharField(required=False, max_length=200, label="Person (name or address)")
    since = forms.DateField(required=False, widget=DateInput, label="From")
    until = forms.DateField(required=False, widget=DateInput, label="To (inclusive)")
    tag = forms.CharField(required=False, max_length=40)
    thread = forms.CharField(required=False, max_length=300, widget=forms.HiddenInput)

    def clean(self) -> dict[str, object]:
        data = super().clean() or {}
        if data.get("since") and data.get("until") and data["until"] < data["since"]:
            self.add_error("until", "The end date is before the start date.")
        return data

    def filters(self) -> TimelineFilters:
        """Return the filters (empty when the form is invalid or unbound)."""
        if not self.is_bound or not self.is_valid():
            return TimelineFilters()
        d = self.cleaned_data
        zone = timezone.get_current_timezone()
        since = dt.datetime.combine(d["since"], dt.time.min, zone) if d.get("since") else None
        until = dt.datetime.combine(d["until"] + dt.timedelta(days=1), dt.time.min, zone) if d.get("until") else None
        return TimelineFilters(kinds=list(d.get("kind") or []), person=d.get("person", "").strip(), since=since,
                               until=until, tag=(d.get("tag") or "").strip().lower(), thread=d.get("thread") or "")


class UploadForm(AccessibleForm):
    tz = forms.ChoiceField(required=False, label="Time zone of chat exports",
                           help_text="WhatsApp exports carry local times without a zone: say which zone the "
                                     "phone was in.")
    visibility = forms.ChoiceField(choices=Visibility.choices, initial=Visibility.PRIVATE, required=False)

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        self.fields["tz"].choices = _zone_choices()

    def clean_visibility(self) -> str:
        return self.cleaned_data.get("visibility") or Visibility.PRIVATE


class NoteForm(AccessibleForm):
    kind = forms.ChoiceField(choices=[(Kind.NOTE, "Note"), (Kind.CALL_NOTE, "Call note")], initial=Kind.NOTE)
    occurred_at = forms.DateTimeField(required=False, widget=DateTimeInput, label="When it happened",
                                      help_text="Leave empty for now.")
    subject = forms.CharField(required=False, max_length=300, label="Title")
    body = forms.CharField(widget=forms.Textarea, label="What happened", max_length=200_000)
    participants = forms.CharField(required=False, max_length=1000, label="Who took part",
                                   help_text="Names separated by commas.")
    visibility = forms.ChoiceField(choices=Visibility.choices, initial=Visibility.PRIVATE)
    tags = forms.MultipleChoiceField(choices=list(KEY_TAGS.items()), required=False,
                                     widget=forms.CheckboxSelectMultiple)

    def participant_list(self) -> list[str]:
        return [p.strip() for p in self.cleaned_data.get("participants", "").split(",") if p.strip()]


class TagForm(AccessibleForm):
    tag = forms.CharField(max_length=40)
    action = forms.ChoiceField(choices=[("add", "add"), ("remove", "remove")], initial="add")


class VisibilityForm(AccessibleForm):
    visibility = forms.ChoiceField(choices=Visibility.choices)


class CorrectForm(AccessibleForm):
    occurred_at = forms.DateTimeField(required=False, widget=DateTimeInput, label="When it happened")
    author = forms.CharField(required=False, max_length=500)
    subject = forms.CharField(required=False, max_length=1000, label="Subject / title")
    body = forms.CharField(required=False, widget=forms.Textarea, max_length=2_000_000)
    reason = forms.CharField(max_length=1000, label="Why is it corrected?",
                             help_text="The original stays in the vault; this reason is recorded with the new "
                                       "version.")


class RedactForm(AccessibleForm):
    fields_to_redact = forms.MultipleChoiceField(
        choices=[(f, f.replace("_", " ").capitalize()) for f in REDACTABLE_FIELDS],
        widget=forms.CheckboxSelectMultiple, label="Remove")
    reason = forms.CharField(max_length=1000, label="Why?",
                             help_text="For example: personal data of someone not involved, or legal advice.")


class SearchForm(forms.Form):
    q = forms.CharField(required=False, max_length=500, label="Search the evidence")
