from __future__ import annotations

import zoneinfo

from django import forms

from amicable.forms import AccessibleForm


class LoginForm(AccessibleForm):
    email = forms.EmailField(widget=forms.EmailInput(attrs={"autocomplete": "email"}))
    password = forms.CharField(widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}))


class SignupForm(AccessibleForm):
    email = forms.EmailField(widget=forms.EmailInput(attrs={"autocomplete": "email"}))
    display_name = forms.CharField(max_length=120, required=False, label="Your name")
    password = forms.CharField(widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
                               help_text="At least 10 characters, not a common password.")
    workspace_name = forms.CharField(max_length=120, required=False, label="Workspace name",
                                     help_text="Your business name, or leave empty.")


class ProfileForm(AccessibleForm):
    display_name = forms.CharField(max_length=120, required=False, label="Your name",
                                   help_text="Used in messages and letters.")
    timezone = forms.ChoiceField(label="Time zone", help_text="Deadlines and times are shown in this zone.")

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        self.fields["timezone"].choices = [(z, z) for z in sorted(zoneinfo.available_timezones())]


class TokenForm(AccessibleForm):
    name = forms.CharField(max_length=80, label="Token name", help_text="What will use it, like “my invoicing script”.")
    days = forms.IntegerField(min_value=1, max_value=366, initial=90, label="Expires after (days)")


class MemberForm(AccessibleForm):
    email = forms.EmailField(label="Email of their account")
    role = forms.ChoiceField(choices=[("member", "Member: can work on cases"), ("readonly", "Read-only: can look"),
                                      ("owner", "Owner: can also manage members")])
