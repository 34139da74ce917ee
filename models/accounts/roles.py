"""The roles an account can hold, as plain words: importing them costs no database code
(the window's sign-in panel needs them before SQLAlchemy has loaded)."""

from __future__ import annotations

import enum


class Role(enum.StrEnum):
    DUTY = "duty"  # 值班员: command-room duty staff
    LEADER = "leader"  # 所领导: station leadership
    ADMIN = "admin"  # 系统管理员: the station's set-up, directory, backups
    SECURITY_ADMIN = "security_admin"  # 安全管理员: accounts, roles, unlocking, security settings
    AUDITOR = "auditor"  # 审计员: reads the audit log, changes nothing


ADMINISTRATORS = (Role.ADMIN, Role.SECURITY_ADMIN)  # held to the longer password
