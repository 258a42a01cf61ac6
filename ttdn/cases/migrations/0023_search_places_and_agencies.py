"""The case list's search also finds programme places and the lead and co-host agencies (issue
19): every case's search text made anew, a batch at a time."""

from django.db import migrations

from ttdn.cases.text import case_search_text

BATCH = 500


def refill(apps, schema_editor):
    Case = apps.get_model("cases", "Case")
    Participant = apps.get_model("cases", "Participant")
    ProgrammeItem = apps.get_model("cases", "ProgrammeItem")
    through = Case.co_host_agencies.through
    ids = list(Case.objects.order_by("pk").values_list("pk", flat=True))
    for start in range(0, len(ids), BATCH):
        chunk = ids[start : start + BATCH]
        names, places, agencies = {}, {}, {}
        for case_id, name in Participant.objects.filter(case_id__in=chunk).values_list(
            "case_id", "person__full_name"
        ):
            names.setdefault(case_id, []).append(name)
        for case_id, place in ProgrammeItem.objects.filter(case_id__in=chunk).values_list("case_id", "place"):
            places.setdefault(case_id, []).append(place)
        for case_id, name_vi, name_en in through.objects.filter(case_id__in=chunk).values_list(
            "case_id", "agency__name_vi", "agency__name_en"
        ):
            agencies.setdefault(case_id, []).extend([name_vi, name_en])
        changed = []
        for case in Case.objects.filter(pk__in=chunk).select_related("counterpart", "lead_agency"):
            counterpart = case.counterpart
            text = case_search_text(
                reference=case.reference,
                title=case.title,
                counterpart=(counterpart.name, counterpart.name_vi) if counterpart else (),
                names=names.get(case.pk, []),
                places=places.get(case.pk, []),
                agencies=[case.lead_agency.name_vi, case.lead_agency.name_en, *agencies.get(case.pk, [])],
            )
            if text != case.search_text:
                case.search_text = text
                changed.append(case)
        Case.objects.bulk_update(changed, ["search_text"])


class Migration(migrations.Migration):
    dependencies = [("cases", "0022_case_referral_sight")]

    operations = [migrations.RunPython(refill, migrations.RunPython.noop, elidable=True)]
