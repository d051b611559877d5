"""A kiosk in the hall: where it stands and faces, how it starts, and the tokens that give it a rate budget."""

import datetime as dt

from sqlalchemy import Float, ForeignKey, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from showcase.models.api_key import utcnow
from showcase.models.base import Base


class Kiosk(Base):
    __tablename__ = "kiosk"

    # A slug: the id a kiosk is started with (/kiosk?k=<id>) and its URL.
    id: Mapped[str] = mapped_column(String(80), primary_key=True)
    name_de: Mapped[str] = mapped_column(String(120))
    name_en: Mapped[str] = mapped_column(String(120))
    # Where it stands on the floor plan, in metres from the plan's top-left corner.
    x: Mapped[float] = mapped_column(Float)
    y: Mapped[float] = mapped_column(Float)
    # Which way its screen faces, in degrees clockwise from the plan's top (north).
    facing: Mapped[float] = mapped_column(Float)
    default_language: Mapped[str] = mapped_column(String(2))
    idle_seconds: Mapped[int] = mapped_column(Integer)

    def __repr__(self) -> str:
        return f"<Kiosk {self.id}>"


class KioskToken(Base):
    """A kiosk's token: grants nothing but the kiosk's own rate budget; only its hash is stored."""

    __tablename__ = "kiosk_token"

    id: Mapped[int] = mapped_column(primary_key=True)
    kiosk_id: Mapped[str] = mapped_column(ForeignKey("kiosk.id", ondelete="CASCADE", onupdate="CASCADE"), index=True)
    prefix: Mapped[str] = mapped_column(String(16), index=True)
    token_hash: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    revoked_at: Mapped[dt.datetime | None]

    def __repr__(self) -> str:
        return f"<KioskToken {self.prefix}… of {self.kiosk_id}>"
