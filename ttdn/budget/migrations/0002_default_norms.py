"""The default guest categories, items and norms (Circular 71/2018/TT-BTC). Only the daily meals'
levels of classes A, B and C were found in a public summary of the Circular; every other amount is
a placeholder: each norm's legal basis says that the finance office must verify it, and the admins
change it (or add the province's council's own levels) in the admin."""

import datetime

from django.db import migrations

VERIFY = " Mức mặc định, phòng Kế hoạch - Tài chính cần kiểm tra lại trước khi dùng (verify)."
CIRCULAR = "Thông tư 71/2018/TT-BTC ngày 10/8/2018 của Bộ Tài chính, {article}; hoặc Nghị quyết của HĐND tỉnh số ... nơi tỉnh quy định mức riêng."

CATEGORIES = [
    ("special", "Khách hạng đặc biệt", "Tổng Bí thư, Chủ tịch nước, Thủ tướng, Chủ tịch Quốc hội và tương đương; mức chi do thủ trưởng cơ quan chủ trì quyết định theo chương trình đón đoàn."),
    ("a", "Khách hạng A", "Bộ trưởng, Thứ trưởng và tương đương; Chủ tịch, Phó Chủ tịch tỉnh, bang và tương đương; Đại sứ, Trưởng đại diện các tổ chức quốc tế."),
    ("b", "Khách hạng B", "Vụ trưởng, Cục trưởng, Giám đốc sở và tương đương; Phó Đại sứ, Tham tán."),
    ("c", "Khách hạng C", "Chuyên viên, đoàn doanh nghiệp, đoàn khách khác không thuộc các hạng trên."),
    ("other", "Khách khác", "Khách nước ngoài làm việc với tỉnh không thuộc các hạng trên (mức do tỉnh quyết định)."),
]
ITEMS = [
    ("banquet", "Chiêu đãi"),
    ("meals", "Ăn hàng ngày"),
    ("accommodation", "Chỗ ở"),
    ("transport", "Phương tiện đi lại"),
    ("interpreters", "Biên dịch, phiên dịch"),
    ("gifts", "Tặng phẩm"),
]
# item: (basis, article, {category: amount}, verified-from-a-summary categories)
NORMS = {
    "banquet": ("guest", "Điều 5 (chiêu đãi, một lần/đoàn)", {"special": 1_200_000, "a": 1_200_000, "b": 1_000_000, "c": 700_000, "other": 500_000}),
    "meals": ("guest_day", "Điều 5 (ăn hàng ngày, gồm trưa và tối)", {"special": 1_500_000, "a": 1_500_000, "b": 1_000_000, "c": 800_000, "other": 600_000}),
    "accommodation": ("guest_day", "Điều 5 (chỗ ở)", {"special": 5_000_000, "a": 4_000_000, "b": 2_500_000, "c": 1_500_000, "other": 1_000_000}),
    "transport": ("delegation_day", "Điều 5 (phương tiện đi lại)", {"special": 6_000_000, "a": 5_000_000, "b": 3_000_000, "c": 2_000_000, "other": 1_500_000}),
    "interpreters": ("delegation_day", "Điều 5 (biên dịch, phiên dịch)", {"special": 3_000_000, "a": 3_000_000, "b": 2_500_000, "c": 2_000_000, "other": 1_500_000}),
    "gifts": ("guest", "Điều 5 (tặng phẩm)", {"special": 1_000_000, "a": 800_000, "b": 600_000, "c": 400_000, "other": 300_000}),
}
FROM_SUMMARY = {("meals", "a"), ("meals", "b"), ("meals", "c")}


def install(apps, schema_editor):
    GuestCategory = apps.get_model("budget", "GuestCategory")
    BudgetItem = apps.get_model("budget", "BudgetItem")
    Norm = apps.get_model("budget", "Norm")
    categories = {}
    for order, (code, name, description) in enumerate(CATEGORIES):
        categories[code], _ = GuestCategory.objects.get_or_create(
            code=code, defaults={"name": name, "description": description, "order": order}
        )
    for order, (code, name) in enumerate(ITEMS):
        item, _ = BudgetItem.objects.get_or_create(code=code, defaults={"name": name, "order": order})
        basis, article, amounts = NORMS[code]
        for category_code, amount in amounts.items():
            legal = CIRCULAR.format(article=article)
            if category_code == "special":
                legal += " Hạng đặc biệt: thủ trưởng cơ quan chủ trì quyết định; tạm tính."
            if (code, category_code) not in FROM_SUMMARY:
                legal += VERIFY
            else:
                legal += " Mức theo bản tóm tắt Thông tư; cần đối chiếu văn bản gốc (verify)."
            Norm.objects.get_or_create(
                category=categories[category_code],
                item=item,
                valid_from=datetime.date(2018, 10, 1),
                defaults={"unit_amount": amount, "basis": basis, "legal_basis": legal},
            )


class Migration(migrations.Migration):
    dependencies = [("budget", "0001_initial")]

    operations = [migrations.RunPython(install, migrations.RunPython.noop)]
