"""Opening, refreshing and closing sign-in sessions."""
from __future__ import annotations

import secrets
from datetime import datetime, timedelta, timezone

from ..domain.tokens import new_session_credential, secret_hash, secret_matches, split_credential
from ..models.identity import User
from ..models.sessions import AuthSession
from . import settings


def utcnow() -> datetime:
    return datetime.now(timezone.utc)


def lifetime(kind: str) -> timedelta:
    """API refresh tokens live 12 hours; a web session a working day (both configurable)."""
    return timedelta(hours=settings.session_hours(kind))


def open_session(user: User, kind: str, ip: str | None, lang: str | None = None) -> tuple[AuthSession, str]:
    """A new session and its credential ("<id>.<secret>"): the refresh token or the web cookie."""
    now = utcnow()
    session_id, secret, credential = new_session_credential()
    session = AuthSession(id=session_id, user_id=user.id, kind=kind, secret_hash=secret_hash(secret), ip=ip,
                          lang=lang, csrf_token=secrets.token_urlsafe(32) if kind == "web" else None,
                          created_at=now, expires_at=now + lifetime(kind))
    session.save(force_insert=True)
    # Sessions that ended more than a day ago are purged by their own user's next sign-in.
    AuthSession.objects(user_id=user.id, expires_at__lt=now - timedelta(days=1)).delete()
    return session, credential


def session_for(credential: str, kind: str) -> AuthSession | None:
    """The active session a credential opens, or None."""
    parts = split_credential(credential)
    if parts is None:
        return None
    # by _id alone, the kind checked here: the embedded store reads every session for any other filter
    session = AuthSession.objects(id=parts[0]).first()
    if session is None or session.kind != kind or not session.is_active(utcnow()) \
            or not secret_matches(session.secret_hash, parts[1]):
        return None
    return session


def web_visitor(credential: str | None) -> tuple[AuthSession, User] | tuple[None, None]:
    """The open web session a browser's cookie names and its active user, or (None, None)."""
    session = session_for(credential, "web") if credential else None
    user = User.objects(id=session.user_id).first() if session else None  # by _id alone, as above
    return (session, user) if user is not None and user.active else (None, None)


def rotate_refresh(credential: str) -> tuple[AuthSession, str] | None:
    """Exchange a refresh token for a new one (the old one stops working). Presenting an already
    exchanged token means it was copied: the whole session is closed."""
    parts = split_credential(credential)
    if parts is None:
        return None
    session_id, secret = parts
    now = utcnow()
    new_secret = secrets.token_urlsafe(32)
    coll = AuthSession._get_collection()
    swapped = coll.update_one({"_id": session_id, "kind": "api", "secret_hash": secret_hash(secret),
                               "revoked_at": None, "expires_at": {"$gt": now}},
                              {"$set": {"secret_hash": secret_hash(new_secret)}})
    if swapped.matched_count == 0:
        coll.update_one({"_id": session_id, "kind": "api", "revoked_at": None}, {"$set": {"revoked_at": now}})
        return None
    return AuthSession.objects(id=session_id).first(), f"{session_id}.{new_secret}"


def revoke(session_id: str) -> None:
    AuthSession.objects(id=session_id, revoked_at=None).update(set__revoked_at=utcnow())


def revoke_all(user_id: str, except_session: str | None = None) -> None:
    sessions = AuthSession.objects(user_id=user_id, revoked_at=None)
    if except_session:
        sessions = sessions.filter(id__ne=except_session)
    sessions.update(set__revoked_at=utcnow())


def session_is_active(session_id: str, user_id: str) -> bool:
    session = AuthSession.objects(id=session_id).only("user_id", "revoked_at", "expires_at").first()
    return session is not None and session.user_id == user_id and session.is_active(utcnow())
