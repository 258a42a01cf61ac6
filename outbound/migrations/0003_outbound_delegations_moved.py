"""The outbound delegations recorded as delegations (direction "outbound") become outbound trips.

Each case keeps its reference (DR-...), its history and everything around it; its kind becomes
"outbound", its Delegation row gives way to an OutboundTrip, on the lowest level of the head (the
protocol staff correct it and the funding, marked "other" with a note to say so). Its Vietnamese
participants become members, from the registry of officials (one official per name and agency,
the case's lead agency: the old rows named no agency), the head staying head; their person
records leave the foreign-person registry when no other case lists them. Participants of another
nationality are kept as participants: they cannot be the province's officials, and the case page
still shows them.
"""

from django.db import migrations

NOTE = "Chuyển từ đoàn ra ghi nhận trước đây: cần ghi lại nguồn kinh phí"


def move(apps, schema_editor):
    Case = apps.get_model("cases", "Case")
    Delegation = apps.get_model("delegations", "Delegation")
    Participant = apps.get_model("cases", "Participant")
    Person = apps.get_model("cases", "Person")
    HeadLevel = apps.get_model("outbound", "HeadLevel")
    OutboundTrip = apps.get_model("outbound", "OutboundTrip")
    Official = apps.get_model("outbound", "Official")
    TripMember = apps.get_model("outbound", "TripMember")
    PressCard = apps.get_model("press", "PressCard")

    cases = list(Case.objects.filter(kind="delegation", direction="outbound").order_by("pk"))
    if not cases:
        return
    level = HeadLevel.objects.order_by("-order", "pk").first()
    touched_people = set()
    for case in cases:
        trip = OutboundTrip.objects.create(case=case, head_level=level, funding="other", funding_note=NOTE)
        Delegation.objects.filter(case=case).delete()
        Case.objects.filter(pk=case.pk).update(kind="outbound")
        has_head = False
        for participant in Participant.objects.filter(case=case).select_related("person").order_by("rank", "pk"):
            person = participant.person
            if str(person.nationality) != "VN":
                continue
            official, _created = Official.objects.get_or_create(
                full_name=person.full_name,
                agency_id=case.lead_agency_id,
                user=None,
                defaults={"position": person.position},
            )
            head = participant.role == "head" and not has_head
            has_head = has_head or head
            TripMember.objects.get_or_create(
                trip=trip, official=official, defaults={"role": "head" if head else "member"}
            )
            participant.delete()
            touched_people.add(person.pk)
    for person in Person.objects.filter(pk__in=touched_people):
        if not Participant.objects.filter(person=person).exists() and not PressCard.objects.filter(person=person).exists():
            person.delete()


class Migration(migrations.Migration):
    dependencies = [
        ("outbound", "0002_settings_and_permissions"),
        ("delegations", "0002_role_permissions"),
        ("press", "0004_encrypt_press_card_numbers"),
        ("cases", "0029_review_items_per_kind_and_timer_units"),
    ]

    # One way: the officials cannot become foreign persons again (nothing to restore them from).
    operations = [migrations.RunPython(move, migrations.RunPython.noop)]
