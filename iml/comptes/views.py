"""Vues des comptes : connexion, second facteur, mot de passe, changement d'organisation."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect, render, resolve_url
from django.urls import reverse, reverse_lazy
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django.views.decorators.http import require_POST

from iml.comptes import second_facteur
from iml.comptes.acteur import SESSION_ADHESION, adhesions_actives
from iml.comptes.forms import (
    ChangementMotDePasseForm,
    CodeTotpForm,
    ConnexionForm,
    MotDePasseOublieForm,
    NouveauMotDePasseForm,
)
from iml.comptes.perms import peut_changer_organisation


class ConnexionView(auth_views.LoginView):
    template_name = "comptes/connexion.html"
    authentication_form = ConnexionForm
    redirect_authenticated_user = True
    extra_context = {"title": "Connexion"}

    def get_redirect_url(self) -> str:
        """La page demandée (`next`), sauf l'administration pour qui n'y a pas accès : elle
        renverrait vers la connexion, qui y renverrait à son tour (boucle de redirections)."""
        suite = super().get_redirect_url()
        utilisateur = self.request.user
        if (
            suite.startswith(reverse("admin:index"))
            and utilisateur.is_authenticated
            and not utilisateur.is_staff
        ):
            return ""
        return suite

    def get_success_url(self) -> str:
        """Vérification ou enrôlement du second facteur d'abord, en gardant la page demandée."""
        utilisateur = self.request.user
        suite = self.get_redirect_url()
        deja_verifie = getattr(utilisateur, "is_verified", lambda: False)()
        if deja_verifie:
            return suite or resolve_url(settings.LOGIN_REDIRECT_URL)
        if second_facteur.appareil_confirme(utilisateur):
            etape = reverse("comptes:second_facteur_verification")
        elif utilisateur.doit_avoir_second_facteur:
            etape = reverse("comptes:second_facteur_enrolement")
        else:
            return suite or resolve_url(settings.LOGIN_REDIRECT_URL)
        return f"{etape}?{urlencode({'next': suite})}" if suite else etape


class DeconnexionView(auth_views.LogoutView):
    pass


class MotDePasseOublieView(auth_views.PasswordResetView):
    template_name = "comptes/mot_de_passe_oublie.html"
    form_class = MotDePasseOublieForm
    email_template_name = "comptes/courriel_reinitialisation.txt"
    subject_template_name = "comptes/courriel_reinitialisation_sujet.txt"
    success_url = reverse_lazy("comptes:mot_de_passe_envoye")
    extra_context = {"title": "Mot de passe oublié"}


class MotDePasseEnvoyeView(auth_views.PasswordResetDoneView):
    template_name = "comptes/mot_de_passe_envoye.html"
    extra_context = {"title": "Courriel envoyé"}


class NouveauMotDePasseView(auth_views.PasswordResetConfirmView):
    template_name = "comptes/nouveau_mot_de_passe.html"
    form_class = NouveauMotDePasseForm
    success_url = reverse_lazy("comptes:mot_de_passe_modifie")
    extra_context = {"title": "Nouveau mot de passe"}


class MotDePasseModifieView(auth_views.PasswordResetCompleteView):
    template_name = "comptes/mot_de_passe_modifie.html"
    extra_context = {"title": "Mot de passe modifié"}


class ChangementMotDePasseView(auth_views.PasswordChangeView):
    template_name = "comptes/changement_mot_de_passe.html"
    form_class = ChangementMotDePasseForm
    success_url = reverse_lazy("comptes:mon_compte")
    extra_context = {"title": "Changer de mot de passe"}

    def form_valid(self, form):
        messages.success(self.request, "Votre mot de passe a été modifié.")
        return super().form_valid(form)


def _page_demandee(request: HttpRequest) -> HttpResponse:
    """Redirige vers `next` s'il désigne une page de ce site, sinon vers le tableau de bord."""
    suite = request.GET.get("next", "")
    if url_has_allowed_host_and_scheme(
        suite, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return HttpResponseRedirect(suite)
    return redirect("ui:accueil")


@login_required
def second_facteur_enrolement(request: HttpRequest) -> HttpResponse:
    if second_facteur.appareil_confirme(request.user):
        messages.info(request, "Votre second facteur est déjà activé.")
        return redirect("comptes:mon_compte")
    appareil = second_facteur.appareil_en_attente(request.user)
    form = CodeTotpForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if second_facteur.confirmer(request, appareil, form.cleaned_data["code"]):
            messages.success(request, "Second facteur activé.")
            return _page_demandee(request)
        form.add_error("code", "Code incorrect ou expiré : saisissez le code affiché maintenant.")
    contexte = {
        "title": "Activer le second facteur",
        "form": form,
        "qr_code": second_facteur.qr_code_svg(appareil),
        "cle": second_facteur.cle_lisible(appareil),
        "obligatoire": request.user.doit_avoir_second_facteur,
    }
    return render(request, "comptes/second_facteur_enrolement.html", contexte)


@login_required
def second_facteur_verification(request: HttpRequest) -> HttpResponse:
    if second_facteur.appareil_confirme(request.user) is None:
        return redirect("comptes:second_facteur_enrolement")
    form = CodeTotpForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if second_facteur.verifier(request, form.cleaned_data["code"]):
            return _page_demandee(request)
        form.add_error("code", "Code incorrect ou expiré.")
    contexte = {"title": "Vérification en deux étapes", "form": form}
    return render(request, "comptes/second_facteur_verification.html", contexte)


@login_required
def mon_compte(request: HttpRequest) -> HttpResponse:
    contexte = {
        "title": "Mon compte",
        "adhesions": adhesions_actives(request.user),
        "second_facteur_actif": second_facteur.appareil_confirme(request.user) is not None,
    }
    return render(request, "comptes/mon_compte.html", contexte)


@login_required
@require_POST
def changer_organisation(request: HttpRequest) -> HttpResponse:
    """Hors de ses adhésions actives (autrui, inactive, organisation désactivée) : 404."""
    pk = request.POST.get("adhesion", "")
    if not (pk.isascii() and pk.isdigit()):
        raise Http404
    adhesion = get_object_or_404(adhesions_actives(request.user), pk=int(pk))
    if not peut_changer_organisation(request.acteur, adhesion):
        raise Http404
    request.session[SESSION_ADHESION] = adhesion.pk
    messages.success(request, f"Vous agissez maintenant pour {adhesion.organisation}.")
    return redirect("ui:accueil")
