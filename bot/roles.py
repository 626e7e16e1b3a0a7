"""Who is who, as the settings name them: owners (OWNER_IDS), managers (MANAGER_IDS) and staff
(STAFF_IDS). Built once from the settings and held by the core; every feature asks it."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

from bot.settings import Settings

Role = Literal["owner", "manager"]


@dataclass(frozen=True)
class Roles:
    owners: list[int] = field(default_factory=list)
    managers: list[int] = field(default_factory=list)
    staff: list[int] = field(default_factory=list)  # who works complaints, besides the leads

    @classmethod
    def from_settings(cls, settings: Settings) -> Roles:
        chats = settings.chats
        return cls(chats.owner_ids, chats.manager_ids, settings.complaints.staff_ids)

    def is_owner(self, user_id: int | None) -> bool:
        return user_id in self.owners

    def is_manager(self, user_id: int | None) -> bool:
        return user_id in self.managers

    @property
    def leads(self) -> list[int]:
        """Owners and managers: told in private what the staff chat cannot be told."""
        return list(dict.fromkeys([*self.owners, *self.managers]))

    def role_of(self, user_id: int | None) -> Role | None:
        """An owner's role first: someone in both lists is an owner."""
        if self.is_owner(user_id):
            return "owner"
        if self.is_manager(user_id):
            return "manager"
        return None

    def configured(self, user_id: int) -> bool:
        """Named in the settings as someone who works complaints (staff, managers, owners);
        members of the staff chat may act too (the staff directory asks Telegram)."""
        return user_id in self.staff or user_id in self.managers or user_id in self.owners
