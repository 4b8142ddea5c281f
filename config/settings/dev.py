"""Développement et démonstration locale."""

import os

from config.settings.base import *  # noqa: F403

DEBUG = os.environ.get("DJANGO_DEBUG", "1") == "1"
#: `iml demo` seulement avec DEBUG et IML_DEMO=1 (posé par `make demo`).
IML_DEMO = DEBUG and os.environ.get("IML_DEMO") == "1"
SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "dev-uniquement-cle-non-secrete-iml-0123456789")
ALLOWED_HOSTS = ["127.0.0.1", "localhost"]
EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
