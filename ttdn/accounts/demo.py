"""Demo agencies and one user per role, for ``seed_demo``. Running it twice changes nothing."""

from __future__ import annotations

import hashlib

from django.db import transaction
from django_otp.plugins.otp_totp.models import TOTPDevice

from ttdn.accounts.models import Agency, User
from ttdn.accounts.roles import Role
from ttdn.accounts.services import agency_save, user_set_roles, user_sync_agency_group
from ttdn.accounts.two_factor import AUTHENTICATOR_NAME, TWO_FACTOR_ROLES

DEMO_PASSWORD = "demo-TTDN-2026"  # noqa: S105 - printed for the demo on purpose

# code, Vietnamese name, English name, kind
DEMO_AGENCIES: list[tuple[str, str, str, str]] = [
    ("vp-ubnd", "Văn phòng UBND tỉnh", "Office of the Provincial People's Committee", "office"),
    ("ca-tinh", "Công an tỉnh", "Provincial Police", "police"),
    ("so-tc", "Sở Tài chính", "Department of Finance", "department"),
    (
        "so-vhttdl",
        "Sở Văn hóa, Thể thao và Du lịch",
        "Department of Culture, Sports and Tourism",
        "department",
    ),
    ("so-khcn", "Sở Khoa học và Công nghệ", "Department of Science and Technology", "department"),
    ("so-gddt", "Sở Giáo dục và Đào tạo", "Department of Education and Training", "department"),
    (
        "so-nnmt",
        "Sở Nông nghiệp và Môi trường",
        "Department of Agriculture and Environment",
        "department",
    ),
    ("bchqs", "Bộ Chỉ huy Quân sự tỉnh", "Provincial Military Command", "military"),
    ("ubnd-na-hang", "UBND huyện Na Hang", "Na Hang District People's Committee", "district"),
    ("ubnd-ham-yen", "UBND huyện Hàm Yên", "Ham Yen District People's Committee", "district"),
]

# username, full name, agency code, position, role
DEMO_USERS: list[tuple[str, str, str, str, Role]] = [
    ("protocol", "Nguyễn Thị Lan", "vp-ubnd", "Chuyên viên Phòng Ngoại vụ", Role.PROTOCOL),
    ("police", "Trần Văn Hùng", "ca-tinh", "Cán bộ Phòng An ninh đối ngoại", Role.POLICE),
    ("agency", "Lê Minh Tuấn", "so-vhttdl", "Chuyên viên Phòng Quản lý Du lịch", Role.AGENCY),
    ("leader", "Phạm Quốc Bảo", "vp-ubnd", "Phó Chủ tịch UBND tỉnh", Role.LEADER),
    ("admin", "Quản trị hệ thống", "vp-ubnd", "Quản trị hệ thống", Role.ADMIN),
]


def demo_authenticator_key(username: str) -> str:
    """The demo users' TOTP secret (hex, as django-otp keeps it): fixed and published, so that
    anyone trying the demo can add it to an app, or print the code with ``manage.py demo_code``."""
    return hashlib.sha1(f"ttdn-demo-{username}".encode(), usedforsecurity=False).hexdigest()


@transaction.atomic
def seed() -> list[str]:
    """Create what is missing; return one line per record created."""
    created: list[str] = []
    for code, name_vi, name_en, kind in DEMO_AGENCIES:
        if not Agency.objects.filter(code=code).exists():
            agency_save(agency=Agency(code=code, name_vi=name_vi, name_en=name_en, kind=kind))
            created.append(f"agency {code}: {name_vi}")
    for username, full_name, agency_code, position, role in DEMO_USERS:
        if User.objects.filter(username=username).exists():
            continue
        user = User(
            username=username,
            full_name=full_name,
            email=f"{username}@ttdn.local",
            agency=Agency.objects.get(code=agency_code),
            position=position,
            # The admin role works in the Django admin; it is staff, never superuser, so it sees
            # restricted cases only when granted, like everyone else.
            is_staff=role is Role.ADMIN,
        )
        user.set_password(DEMO_PASSWORD)
        user.full_clean()
        user.save()
        user_set_roles(user=user, roles=[role])
        user_sync_agency_group(user=user)
        created.append(f"user {username}: {full_name} ({role.label})")
        if role in TWO_FACTOR_ROLES:
            TOTPDevice.objects.create(
                user=user, name=AUTHENTICATOR_NAME, key=demo_authenticator_key(username), confirmed=True
            )
    return created
