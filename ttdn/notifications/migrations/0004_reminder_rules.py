"""The baseline reminder rules of DESIGN.md ("Reminders"); admins change them in the admin."""

from django.db import migrations

from ttdn.accounts.role_migrations import grant_role_permissions

RULES = [
    # code, name, trigger, offset, day kind, recipients
    ("arrival-7", "Đoàn đến sau 7 ngày", "arrival", 7, "calendar", ["responsible_officer", "host_agencies"]),
    ("arrival-1", "Đoàn đến sau 1 ngày", "arrival", 1, "calendar", ["responsible_officer", "host_agencies"]),
    ("review-due-2", "Kiểm tra bảo mật đến hạn sau 2 ngày làm việc", "review_due", 2, "working", ["reviewer"]),
    ("review-overdue", "Kiểm tra bảo mật quá hạn", "review_overdue", 0, "working", ["reviewer", "police_leads"]),
    ("not-approved-3", "Chưa được phê duyệt, 3 ngày làm việc trước khi bắt đầu", "not_approved", 3, "working",
     ["responsible_officer", "leaders"]),
    ("report-due", "Báo cáo kết quả đến hạn sau 2 ngày làm việc", "report_due", 2, "working",
     ["assignee", "responsible_officer"]),
    ("report-overdue", "Báo cáo kết quả quá hạn", "report_overdue", 0, "working", ["assignee", "responsible_officer"]),
    ("followup-due-3", "Việc sau đoàn đến hạn sau 3 ngày làm việc", "followup_due", 3, "working", ["assignee"]),
    ("followup-overdue", "Việc sau đoàn quá hạn", "followup_overdue", 0, "working", ["assignee", "responsible_officer"]),
    ("passport-expiry", "Hộ chiếu hết hạn trước khi đoàn kết thúc", "passport_expiry", 30, "calendar",
     ["responsible_officer"]),
    ("press-card-expiry", "Thẻ phóng viên hết hạn trước khi đoàn kết thúc", "press_card_expiry", 30, "calendar",
     ["responsible_officer"]),
    ("agreement-expiry-60", "Thỏa thuận quốc tế hết hạn sau 60 ngày", "agreement_expiry", 60, "calendar", ["protocol"]),
    ("quarterly-summary", "Báo cáo tổng hợp hằng quý", "quarterly_summary", 0, "working", ["leaders", "protocol"]),
]  # fmt: skip

ROLE_PERMISSIONS = {"admin": ["notifications.view_reminderrule", "notifications.add_reminderrule",
                              "notifications.change_reminderrule", "notifications.delete_reminderrule"]}  # fmt: skip


def create(apps, schema_editor):
    ReminderRule = apps.get_model("notifications", "ReminderRule")
    Notification = apps.get_model("notifications", "Notification")
    for code, name, trigger, offset, day_kind, audiences in RULES:
        ReminderRule.objects.get_or_create(
            code=code,
            defaults={"name": name, "trigger": trigger, "offset": offset, "day_kind": day_kind, "audiences": audiences},
        )
    # Notifications made before e-mail existed stay in the list, and are not mailed now.
    Notification.objects.filter(emailed_at__isnull=True).update(email_state="skipped")
    grant_role_permissions(apps, ROLE_PERMISSIONS)


class Migration(migrations.Migration):
    dependencies = [("notifications", "0003_reminderrule_notification_email_state_and_more")]

    operations = [migrations.RunPython(create, migrations.RunPython.noop)]
