"""Tests : SQLite en mémoire par défaut, PostgreSQL si DATABASE_URL."""

import os
import tempfile

from config.settings.base import *  # noqa: F403
from config.settings.base import DATABASES

SECRET_KEY = "tests-uniquement-cle-non-secrete-iml-0123456789"
DEBUG = False
ALLOWED_HOSTS = ["testserver", "127.0.0.1", "localhost"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
MEDIA_ROOT = tempfile.mkdtemp(prefix="iml-tests-")
if not os.environ.get("DATABASE_URL"):
    DATABASES["default"]["NAME"] = os.path.join(tempfile.gettempdir(), "iml-tests.sqlite3")
    DATABASES["default"]["TEST"] = {"NAME": None}
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
AXES_ENABLED = True
#: La base de test est jetable : les tests chargent la démonstration (`call_command("demo")`).
IML_DEMO = True
