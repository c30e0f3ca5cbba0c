"""Form helpers shared by every app: accessible error wiring and service errors mapped onto fields."""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError


class AccessibleForm(forms.Form):
    """Marks invalid inputs with aria-invalid and links help and errors through aria-describedby."""

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        for name, field in self.fields.items():
            if field.help_text:
                field.widget.attrs["aria-describedby"] = f"{self[name].auto_id}_help"

    def full_clean(self) -> None:
        super().full_clean()
        self.full_clean_aria()

    def apply_service_error(self, exc: ValidationError) -> None:
        """Put a service's ValidationError next to the matching fields (or on top when none matches)."""
        if hasattr(exc, "error_dict"):
            for field, errors in exc.message_dict.items():
                target = field if field in self.fields else None
                for message in errors:
                    self.add_error(target, message)
        else:
            for message in exc.messages:
                self.add_error(None, message)
        self.full_clean_aria()

    def full_clean_aria(self) -> None:
        """Mark each invalid input and point it at its help and error text."""
        for name in self.errors:
            if name in self.fields:
                widget, auto_id = self.fields[name].widget, self[name].auto_id
                widget.attrs["aria-invalid"] = "true"
                help_id = f"{auto_id}_help " if self.fields[name].help_text else ""
                widget.attrs["aria-describedby"] = f"{help_id}{auto_id}_error"


class DateInput(forms.DateInput):
    input_type = "date"


class DateTimeInput(forms.DateTimeInput):
    input_type = "datetime-local"

    def __init__(self, attrs: dict[str, str] | None = None) -> None:
        super().__init__(attrs, format="%Y-%m-%dT%H:%M")
