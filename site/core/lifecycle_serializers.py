"""The `state` and `state_label` fields of API payloads for objects that follow a
lifecycle (core.lifecycle); apart from core.lifecycle_api so that models can import them
(Wagtail's API utilities need the models loaded)."""

from rest_framework import serializers

from core.lifecycle import Lifecycle


def state_value_field(lifecycle: Lifecycle) -> serializers.Field:
    """The `state` field: the state's English value, one of the lifecycle's."""
    return serializers.ChoiceField(choices=lifecycle.choices, read_only=True)


def state_label_field() -> serializers.Field:
    """The `state_label` field: the state's Polish label, as the page shows it."""
    return serializers.CharField(read_only=True)
