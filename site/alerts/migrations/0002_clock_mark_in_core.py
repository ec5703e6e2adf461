"""The alerts' clock marks move to the one model every clock job uses (core.ClockMark),
renamed "alerts:<job>": without them the next run would look back only FIRST_LOOKBACK
and a digest already sent could go out again."""

from django.db import migrations


def copy_marks(apps, schema_editor):
    old = apps.get_model("alerts", "ClockMark")
    new = apps.get_model("core", "ClockMark")
    new.objects.bulk_create(
        [new(name=f"alerts:{mark.name}", at=mark.at) for mark in old.objects.all()],
        ignore_conflicts=True,
    )


def copy_marks_back(apps, schema_editor):
    old = apps.get_model("alerts", "ClockMark")
    new = apps.get_model("core", "ClockMark")
    old.objects.bulk_create(
        [
            old(name=mark.name.removeprefix("alerts:"), at=mark.at)
            for mark in new.objects.filter(name__startswith="alerts:")
        ],
        ignore_conflicts=True,
    )


class Migration(migrations.Migration):
    dependencies = [
        ("alerts", "0001_subscriptions_and_deliveries"),
        ("core", "0009_clock_mark"),
    ]

    operations = [
        migrations.RunPython(copy_marks, copy_marks_back),
        migrations.DeleteModel(name="ClockMark"),
    ]
