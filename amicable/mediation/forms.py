from __future__ import annotations

from django import forms

from amicable.forms import AccessibleForm, DateTimeInput

from .models import RoomItem, RoomNote, RoomRole


class InviteForm(AccessibleForm):
    email = forms.EmailField(label="Email address")
    name = forms.CharField(max_length=120, required=False, label="Name (optional)")
    role = forms.ChoiceField(choices=RoomRole.choices, label="Invite as")
    message = forms.CharField(widget=forms.Textarea(attrs={"rows": 3}), required=False,
                              label="Message (optional)", help_text="Sent with the link.")
    days = forms.IntegerField(min_value=1, max_value=30, initial=7, label="Link valid for (days)")


class AcceptInvitationForm(AccessibleForm):
    display_name = forms.CharField(max_length=120, required=False, label="Your name",
                                   help_text="How the others in the room will see you.")
    password = forms.CharField(widget=forms.PasswordInput(render_value=False), required=False,
                               help_text="At least 10 characters; you will use it to sign in again.")


class ItemForm(AccessibleForm):
    title = forms.CharField(max_length=200)
    body = forms.CharField(widget=forms.Textarea(attrs={"rows": 4}), required=False, label="Text")
    file = forms.FileField(required=False, label="File (optional, up to 10 MB)")
    visibility = forms.ChoiceField(choices=RoomItem.Visibility.choices, label="Who sees it")

    def __init__(self, *args: object, participant: bool = False, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        if participant:
            self.fields["visibility"].choices = [c for c in RoomItem.Visibility.choices if c[0] != "private"]


class VisibilityForm(AccessibleForm):
    visibility = forms.ChoiceField(choices=RoomItem.Visibility.choices)


class NoteForm(AccessibleForm):
    body = forms.CharField(widget=forms.Textarea(attrs={"rows": 4}), label="Note")
    visibility = forms.ChoiceField(choices=RoomNote.Visibility.choices, label="Who sees it")


class SessionForm(AccessibleForm):
    title = forms.CharField(max_length=200, initial="Mediation session")
    starts_at = forms.DateTimeField(widget=DateTimeInput, label="Starts")
    ends_at = forms.DateTimeField(widget=DateTimeInput, label="Ends")
    location = forms.CharField(max_length=300, required=False, help_text="A room, a phone number or a video link.")
    agenda = forms.CharField(widget=forms.Textarea(attrs={"rows": 3}), required=False)
