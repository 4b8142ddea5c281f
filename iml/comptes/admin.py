from django.contrib import admin
from django.contrib.auth.admin import UserAdmin

from iml.comptes.models import Adhesion, Organisation, Territoire, Utilisateur


class AdhesionInline(admin.TabularInline):
    model = Adhesion
    extra = 0
    autocomplete_fields = ["organisation"]


@admin.register(Utilisateur)
class UtilisateurAdmin(UserAdmin):
    ordering = ["email"]
    list_display = ["email", "first_name", "last_name", "is_active", "is_superuser"]
    search_fields = ["email", "first_name", "last_name"]
    inlines = [AdhesionInline]
    fieldsets = (
        (None, {"fields": ("email", "password")}),
        ("Identité", {"fields": ("first_name", "last_name")}),
        ("Droits", {"fields": ("is_active", "is_staff", "is_superuser")}),
        ("Dates", {"fields": ("last_login", "date_joined")}),
    )
    add_fieldsets = ((None, {"classes": ("wide",), "fields": ("email", "password1", "password2")}),)


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
