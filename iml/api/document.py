"""Lecture du corps d'un dépôt : JSON strict, borné, chaque refus en français nommant le champ.

Refusés avant tout enregistrement : un corps trop lourd (413, `iml.api.api.trop_lourd`),
illisible ou trop imbriqué (400), `NaN`/`Infinity`, un nombre hors limites, un texte plus long
que sur le site (422, voir `iml.api.limites`). Les montants arrivent en chaîne décimale
(« 600.50 », recommandé) ou en nombre JSON s'il est exact (deux décimales au plus) ; ils sont
enregistrés comme le site les enregistre (`formulaires.base.decimal_json`).
"""

from __future__ import annotations

import json
import re
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.http import HttpRequest
from ninja.errors import HttpError

from iml.api.limites import Limites, limites
from iml.api.schema_depot import chemins_a_motif, chemins_montants
from regles.format import nombre

#: Au-delà de ce nombre de chiffres, un entier JSON n'est même pas converti.
CHIFFRES_LUS_MAX = 30
_MONTANT = re.compile(r"^\d+(\.\d+)?$")


class DocumentRefuse(Exception):
    """Le document ne passe pas les limites ; `messages` nomme chaque champ fautif."""

    def __init__(self, messages: list[str]) -> None:
        super().__init__(" ; ".join(messages))
        self.messages = messages


class _NonFini:
    def __init__(self, texte: str) -> None:
        self.texte = texte


class _EntierTropLong:
    def __init__(self, texte: str) -> None:
        self.texte = texte


def _entier(texte: str) -> int | _EntierTropLong:
    return _EntierTropLong(texte) if len(texte) > CHIFFRES_LUS_MAX else int(texte)


def taille_max_lisible() -> str:
    """« 2,5 Mo » : la limite de Django (`DATA_UPLOAD_MAX_MEMORY_SIZE`)."""
    octets = Decimal(settings.DATA_UPLOAD_MAX_MEMORY_SIZE)  # posé : sinon, jamais dépassé
    return f"{nombre(octets / (1024 * 1024), 1)} Mo"


def lire_json(brut: bytes) -> Any:
    """Le JSON du corps ; les décimaux restent exacts (`Decimal`)."""
    try:
        return json.loads(
            brut or b"null",
            parse_float=Decimal,
            parse_int=_entier,
            parse_constant=_NonFini,
        )
    except RecursionError as erreur:
        raise HttpError(400, "Le corps de la requête est trop imbriqué.") from erreur
    except (ValueError, UnicodeDecodeError) as erreur:
        raise HttpError(400, "Le corps de la requête n'est pas un JSON valide.") from erreur


def _chemin(parent: str, cle: str | int) -> str:
    if isinstance(cle, int):
        return f"{parent}[{cle}]"
    return f"{parent}.{cle}" if parent else cle


def _generique(chemin: str) -> str:
    return re.sub(r"\[\d+\]", "[*]", chemin)


def _enfants(valeur: Any, chemin: str) -> list[tuple[str, Any]]:
    if isinstance(valeur, dict):
        return [(_chemin(chemin, str(k)), v) for k, v in valeur.items()]
    if isinstance(valeur, list):
        return [(_chemin(chemin, i), v) for i, v in enumerate(valeur)]
    return []


def _montant(valeur: Any, lim: Limites) -> str | None:
    """Pourquoi ce montant est refusé (None s'il est accepté)."""
    if isinstance(valeur, str) and not _MONTANT.match(valeur):
        return "montant attendu en chaîne décimale, par exemple « 1234.50 »"
    if isinstance(valeur, str | Decimal | int) and not isinstance(valeur, bool):
        d = Decimal(valeur)
        if d > lim.montant_max:
            return f"montant supérieur au maximum {nombre(lim.montant_max)}"
        exposant = d.normalize().as_tuple().exponent
        if isinstance(exposant, int) and -exposant > lim.montant_decimales:
            return f"{lim.montant_decimales} décimales au plus"
    return None


def _texte_illisible(texte: str) -> str | None:
    """Ce qu'aucune base ne garde dans un texte : le caractère nul (PostgreSQL le refuse dans
    un JSON) et les demi-paires UTF-16 isolées."""
    if "\x00" in texte:
        return "caractère nul (\\u0000) refusé"
    try:
        texte.encode("utf-8")
    except UnicodeEncodeError:
        return "caractère Unicode invalide (demi-paire UTF-16 isolée)"
    return None


def _valeur(valeur: Any, generique: str, lim: Limites, montants: set[str]) -> str | None:
    """Pourquoi cette valeur (feuille) est refusée, None si elle est acceptée."""
    if isinstance(valeur, str) and (illisible := _texte_illisible(valeur)):
        return illisible
    if isinstance(valeur, _NonFini):
        return f"{valeur.texte} n'est pas un nombre permis (nombre fini attendu)"
    if isinstance(valeur, _EntierTropLong):
        return f"nombre de plus de {CHIFFRES_LUS_MAX} chiffres"
    if generique in montants and valeur is not None:
        return _montant(valeur, lim)
    if isinstance(valeur, Decimal) and abs(valeur) > lim.entier_max:
        return f"valeur supérieure au maximum {nombre(lim.entier_max)}"
    if isinstance(valeur, int) and not isinstance(valeur, bool) and abs(valeur) > lim.entier_max:
        return f"valeur {nombre(valeur)} supérieure au maximum {nombre(lim.entier_max)}"
    if isinstance(valeur, str) and len(valeur) > (plafond := lim.texte_max(generique)):
        return f"{nombre(plafond)} caractères au plus (reçu {nombre(len(valeur))})"
    if isinstance(valeur, str) and generique in chemins_a_motif() and not valeur.isascii():
        return "chiffres 0 à 9 attendus (caractères non ASCII refusés)"
    return None


def _conteneur(valeur: dict[str, Any] | list[Any], generique: str, lim: Limites) -> str | None:
    """Pourquoi cet objet ou cette liste est refusé (avant d'en lire les éléments)."""
    if isinstance(valeur, dict):
        if len(valeur) > lim.cles_max:
            return f"{lim.cles_max} clés au plus"
        return next((m for cle in valeur if (m := _texte_illisible(str(cle)))), None)
    if len(valeur) > (plafond := lim.elements_max_pour(generique)):
        return f"{nombre(plafond)} éléments au plus (reçu {nombre(len(valeur))})"
    if generique == "zone" and all(isinstance(v, str) for v in valeur):
        caracteres = len("\n".join(valeur))
        if caracteres > lim.zone_caracteres_max:
            return (
                f"{nombre(lim.zone_caracteres_max)} caractères au plus en tout, comme sur le site"
            )
    return None


def _motif(
    chemin: str, valeur: Any, profondeur: int, lim: Limites, montants: set[str]
) -> str | None:
    generique = _generique(chemin)
    if profondeur > lim.profondeur_max:
        return f"imbrication trop profonde ({lim.profondeur_max} niveaux au plus)"
    if isinstance(valeur, dict | list):
        return _conteneur(valeur, generique, lim)
    return _valeur(valeur, generique, lim, montants)


def verifier(document: Any) -> list[str]:
    """Les messages (un par champ fautif, au plus 20) ; parcours sans récursion, et sans lire
    les éléments d'une liste ou d'un objet trop grands."""
    lim, montants = limites(), chemins_montants()
    messages: list[str] = []
    pile: list[tuple[str, Any, int]] = [("", document, 0)]
    while pile and len(messages) < 20:
        chemin, valeur, profondeur = pile.pop()
        if motif := _motif(chemin, valeur, profondeur, lim, montants):
            messages.append(f"Champ « {chemin or '(racine)'} » : {motif}.")
        elif isinstance(valeur, dict | list):
            enfants = _enfants(valeur, chemin)
            pile.extend((c, v, profondeur + 1) for c, v in reversed(enfants))
    return messages


def _en_json(valeur: Any, generique: str, montants: set[str]) -> Any:
    """Le document tel que le site l'enregistre : montants par `decimal_json`, autres
    décimaux en nombres (déjà bornés)."""
    from iml.appels.forms.dossier.base import decimal_json

    if isinstance(valeur, dict):
        return {
            k: _en_json(v, _generique(_chemin(generique, k)), montants) for k, v in valeur.items()
        }
    if isinstance(valeur, list):
        return [_en_json(v, f"{generique}[*]", montants) for v in valeur]
    if generique in montants and isinstance(valeur, str | Decimal | int):
        return decimal_json(Decimal(valeur)) if not isinstance(valeur, bool) else valeur
    if isinstance(valeur, Decimal):
        return int(valeur) if valeur == valeur.to_integral_value() else float(valeur)
    return valeur


def montants_en_texte(valeur: Any, generique: str = "") -> Any:
    """Un contenu enregistré, montants en chaînes décimales (« 600.00 ») : ce que l'API rend,
    et qu'elle accepte en retour."""
    montants = chemins_montants()
    if isinstance(valeur, dict):
        return {
            k: montants_en_texte(v, _generique(_chemin(generique, str(k))))
            for k, v in valeur.items()
        }
    if isinstance(valeur, list):
        return [montants_en_texte(v, f"{generique}[*]") for v in valeur]
    if (
        generique in montants
        and isinstance(valeur, int | float | str)
        and not isinstance(valeur, bool)
    ):
        try:
            return format(Decimal(str(valeur)), ".2f")
        except ArithmeticError:
            return valeur
    return valeur


def document_depot(request: HttpRequest) -> dict[str, Any]:
    """Le dossier du corps, vérifié et mis au format d'enregistrement ; sinon une erreur
    HTTP (400, 413) ou `DocumentRefuse` (422)."""
    document = lire_json(request.body)  # au-delà de la limite : 413 (iml.api.api)
    if not isinstance(document, dict):
        raise HttpError(422, "Le dossier doit être un objet JSON (schéma conformite.schema.json).")
    if messages := verifier(document):
        raise DocumentRefuse(messages)
    return _en_json(document, "", chemins_montants())
