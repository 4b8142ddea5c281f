from django.contrib import admin, messages
from django.contrib.auth.admin import UserAdmin
from django.db.models import Exists, OuterRef
from django.template.response import TemplateResponse
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from iml.comptes import second_facteur
from iml.comptes.models import Adhesion, Organisation, Territoire, Utilisateur
from iml.comptes.perms import peut_reinitialiser_second_facteur


class AdhesionInline(admin.TabularInline):
    model = Adhesion
    extra = 0
    autocomplete_fields = ["organisation"]


# Les appareils ne se gèrent que par l'action « Retirer le second facteur » des utilisateurs :
# confirmée, journalisée, titulaire prévenu. Les pages brutes de django-otp ne le seraient pas.
for _modele in (TOTPDevice, StaticDevice):
    if admin.site.is_registered(_modele):
        admin.site.unregister(_modele)


@admin.register(Utilisateur)
class UtilisateurAdmin(UserAdmin):
    ordering = ["email"]
    list_display = [
        "email",
        "first_name",
        "last_name",
        "is_active",
        "is_superuser",
        "second_facteur_actif",
    ]
    search_fields = ["email", "first_name", "last_name"]
    inlines = [AdhesionInline]
    fieldsets = (
        (None, {"fields": ("email", "password")}),
        ("Identité", {"fields": ("first_name", "last_name")}),
        ("Droits", {"fields": ("is_active", "is_staff", "is_superuser")}),
        ("Dates", {"fields": ("last_login", "date_joined")}),
    )
    add_fieldsets = ((None, {"classes": ("wide",), "fields": ("email", "password1", "password2")}),)
    actions = ["reinitialiser_second_facteur"]

    def get_queryset(self, request):
        appareils = TOTPDevice.objects.filter(user=OuterRef("pk"), confirmed=True)
        return super().get_queryset(request).annotate(a_second_facteur=Exists(appareils))

    @admin.display(description="second facteur", boolean=True, ordering="a_second_facteur")
    def second_facteur_actif(self, obj) -> bool:
        return obj.a_second_facteur

    def has_reinitialiser_second_facteur_permission(self, request) -> bool:
        return peut_reinitialiser_second_facteur(request.user)

    @admin.action(
        description="Retirer le second facteur (téléphone perdu ou changé)",
        permissions=["reinitialiser_second_facteur"],
    )
    def reinitialiser_second_facteur(self, request, queryset):
        """Page de confirmation, puis retrait journalisé ; chaque titulaire est prévenu."""
        if not request.POST.get("confirmer"):
            contexte = {
                **self.admin_site.each_context(request),
                "title": "Retirer le second facteur",
                "utilisateurs": queryset,
                "opts": self.model._meta,
            }
            return TemplateResponse(
                request, "admin/comptes/confirmer_retrait_second_facteur.html", contexte
            )
        retraits = [
            u.email
            for u in queryset
            if second_facteur.reinitialiser(administrateur=request.user, utilisateur=u)
        ]
        if retraits:
            self.message_user(
                request,
                "Second facteur retiré, titulaire prévenu par courriel : " + ", ".join(retraits),
                messages.SUCCESS,
            )
        else:
            self.message_user(request, "Aucun de ces comptes n'avait de second facteur.")
        return None


@admin.register(Organisation)
class OrganisationAdmin(admin.ModelAdmin):
    list_display = ["nom", "type", "territoire", "siret", "active"]
    list_filter = ["type", "active"]
    search_fields = ["nom", "siret"]
    autocomplete_fields = ["territoire"]


@admin.register(Territoire)
class TerritoireAdmin(admin.ModelAdmin):
    list_display = ["code", "nom", "niveau", "region"]
    list_filter = ["niveau"]
    search_fields = ["code", "nom"]
