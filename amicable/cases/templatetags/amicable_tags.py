from __future__ import annotations

from django import template

from amicable.cases.models import DisputeType

register = template.Library()


@register.filter
def get_item(mapping: dict[object, object], key: object) -> object:
    """`{{ dict|get_item:key }}`: a dictionary lookup with a variable key."""
    return mapping.get(key, "") if hasattr(mapping, "get") else ""


@register.filter
def dispute_label(value: str) -> str:
    return dict(DisputeType.choices).get(value, value)
