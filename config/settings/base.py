"""Réglages communs. Les secrets ne viennent que de l'environnement."""

import ipaddress
import os
from pathlib import Path

import dj_database_url
from csp.constants import NONCE, SELF
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent.parent
VAR_DIR = Path(os.environ.get("IML_VAR_DIR", BASE_DIR / "var"))
VAR_DIR.mkdir(parents=True, exist_ok=True)

SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "")
DEBUG = False
ALLOWED_HOSTS = [h for h in os.environ.get("DJANGO_ALLOWED_HOSTS", "").split(",") if h]
#: `iml demo` autorisé (voir iml/comptes/garde_demo.py) : jamais hors développement et tests.
IML_DEMO = False

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.forms",
    "widget_tweaks",
    "dsfr",
    "django_htmx",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "axes",
    "auditlog",
    "csp",
    "django_tasks",
    "django_tasks_db",
    "iml.ui",
    "iml.comptes",
    "iml.referentiel",
    "iml.appels",
    "iml.parc",
    "iml.menages",
    "iml.occupations",
    "iml.accompagnement",
    "iml.orientations",
    "iml.pilotage",
    "iml.alertes",
    "ninja",
    "iml.api",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "iml.comptes.middleware.PasDeCacheMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "iml.comptes.middleware.JournalMiddleware",  # AuditlogMiddleware, adresse du client sûre
    "iml.comptes.middleware.ActeurMiddleware",
    "iml.comptes.middleware.SecondFacteurMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"
FORM_RENDERER = "django.forms.renderers.TemplatesSetting"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "iml.ui.context_processors.interface",
                "iml.alertes.context_processors.alertes",
            ],
        },
    }
]


def _base_de_donnees() -> dict[str, object]:
    """PostgreSQL si DATABASE_URL est défini, sinon SQLite dans var/ (WAL, attente de verrou)."""
    url = os.environ.get("DATABASE_URL")
    if url:
        return dict(dj_database_url.parse(url, conn_max_age=60))
    return {
        "ENGINE": "django.db.backends.sqlite3",
        "NAME": os.environ.get("IML_SQLITE", str(VAR_DIR / "iml.sqlite3")),
        "OPTIONS": {
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
            "transaction_mode": "IMMEDIATE",
            "timeout": 20,
        },
    }


DATABASES = {"default": _base_de_donnees()}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "comptes.Utilisateur"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "comptes:connexion"
LOGIN_REDIRECT_URL = "ui:accueil"
LOGOUT_REDIRECT_URL = "comptes:connexion"

# Verrouillage après échecs de connexion (django-axes, voir iml/comptes/verrouillage.py) :
# 5 échecs pour un compte depuis une adresse réseau bloquent ce poste pour ce compte ; 20 échecs
# pour un compte, toutes adresses confondues, dans la même heure bloquent le compte.
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = 1  # heures
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_USERNAME_FORM_FIELD = "username"
AXES_LOCKOUT_TEMPLATE = "comptes/verrouille.html"
AXES_LOCKOUT_CALLABLE = "iml.comptes.verrouillage.reponse_verrouillage"
AXES_HANDLER = "iml.comptes.verrouillage.GestionnaireVerrouillage"
AXES_CLIENT_IP_CALLABLE = "iml.comptes.verrouillage.adresse_client"
AXES_RESET_ON_SUCCESS = True
# Un essai refusé pendant un blocage ne compte pas : sinon, depuis un seul poste, il suffirait
# d'insister pour atteindre le plafond du compte et bloquer son titulaire partout.
AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT = False
IML_VERROUILLAGE_COMPTE_ECHECS = int(os.environ.get("IML_VERROUILLAGE_COMPTE_ECHECS", "20"))
#: Adresses ou réseaux (CIDR) des proxys de confiance, séparés par des virgules : l'adresse du
#: client n'est lue dans X-Forwarded-For que si la requête vient de l'un d'eux (voir README).
IML_PROXYS_DE_CONFIANCE = [
    p.strip() for p in os.environ.get("IML_PROXYS_DE_CONFIANCE", "").split(",") if p.strip()
]
for _proxy in IML_PROXYS_DE_CONFIANCE:
    try:
        ipaddress.ip_network(_proxy, strict=False)
    except ValueError as erreur:
        raise ImproperlyConfigured(
            f"IML_PROXYS_DE_CONFIANCE : « {_proxy} » n'est ni une adresse IP ni un réseau CIDR."
        ) from erreur

OTP_TOTP_ISSUER = "IML"
#: Durée (secondes) d'une confirmation du mot de passe avant de lier un second facteur.
IML_REAUTHENTIFICATION_DUREE = 600

# « Mot de passe oublié » (iml/comptes/reinitialisation.py) : lien valable une heure ; au plus
# 3 demandes par adresse électronique et 10 par adresse réseau par heure, comptées en base.
PASSWORD_RESET_TIMEOUT = 3600
IML_REINITIALISATION_FENETRE = 3600  # secondes
IML_REINITIALISATION_PAR_ADRESSE = 3
IML_REINITIALISATION_PAR_IP = 10

LANGUAGE_CODE = "fr"
LANGUAGES = [("fr", "Français")]
TIME_ZONE = "Europe/Paris"
USE_I18N = True
USE_TZ = True
USE_THOUSAND_SEPARATOR = True

STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "static"
STATIC_ROOT.mkdir(exist_ok=True)
DSFR_MARK_OPTIONAL_FIELDS = True
MEDIA_ROOT = Path(os.environ.get("IML_MEDIA_ROOT", VAR_DIR / "documents"))
#: Taille maximale d'une pièce jointe à un dossier (octets) : 10 Mo.
IML_PIECE_TAILLE_MAX = int(os.environ.get("IML_PIECE_TAILLE_MAX", 10 * 1024 * 1024))
#: Durée maximale de mise en page du PDF d'une version, dans le worker (secondes).
IML_PDF_DUREE_MAX = int(os.environ.get("IML_PDF_DUREE_MAX", 60))
#: Au-delà (secondes), une préparation de PDF « en cours » est tenue pour perdue et relancée.
IML_PDF_RELANCE_APRES = int(os.environ.get("IML_PDF_RELANCE_APRES", 30 * 60))
#: Plafonds des dépôts d'un même dossier, site et API (`iml.appels.limites`) : dépôts sur une
#: heure glissante, versions en tout.
IML_DEPOTS_PAR_HEURE = int(os.environ.get("IML_DEPOTS_PAR_HEURE", "10"))
IML_VERSIONS_MAX = int(os.environ.get("IML_VERSIONS_MAX", "50"))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

SESSION_COOKIE_AGE = 8 * 3600
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"

CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF, NONCE],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "frame-ancestors": ["'none'"],
        "form-action": [SELF],
        "base-uri": [SELF],
        "object-src": ["'none'"],
    }
}

TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}

EMAIL_BACKEND = os.environ.get(
    "DJANGO_EMAIL_BACKEND", "django.core.mail.backends.smtp.EmailBackend"
)
DEFAULT_FROM_EMAIL = os.environ.get("DJANGO_DEFAULT_FROM_EMAIL", "ne-pas-repondre@iml.gouv.fr")

AUDITLOG_INCLUDE_ALL_MODELS = False

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": "WARNING"},
}

# Pages légales (pied de page) : à renseigner par l'exploitant au déploiement.
IML_EDITEUR = os.environ.get(
    "IML_EDITEUR",
    "Direction départementale de l'emploi, du travail et des solidarités (DDETS) exploitant "
    "la plateforme (à préciser au déploiement)",
)
IML_DIRECTEUR_PUBLICATION = os.environ.get(
    "IML_DIRECTEUR_PUBLICATION", "Le directeur ou la directrice du service éditeur"
)
IML_HEBERGEUR = os.environ.get(
    "IML_HEBERGEUR",
    "Hébergeur à préciser au déploiement : raison sociale, adresse et téléphone",
)
IML_CONTACT = os.environ.get("IML_CONTACT", "contact-iml@example.gouv.fr")
