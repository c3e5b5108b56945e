"""Database sessions that ignore a session cookie Django could never have issued.

Django makes keys from lowercase letters and digits only. A forged cookie with other
characters (a NUL byte breaks the lookup on PostgreSQL) now simply means "no session".
"""

from django.contrib.sessions.backends.base import VALID_KEY_CHARS
from django.contrib.sessions.backends.db import SessionStore as DatabaseSessionStore

KEY_CHARS = frozenset(VALID_KEY_CHARS)


class SessionStore(DatabaseSessionStore):
    def _validate_session_key(self, key):
        return super()._validate_session_key(key) and set(key) <= KEY_CHARS
