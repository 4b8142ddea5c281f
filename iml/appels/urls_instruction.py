from django.urls import path

from iml.appels.views import instruction

urlpatterns = [
    path("<int:pk>/instruction/", instruction.instruction, name="instruction"),
    path(
        "dossiers/<int:pk>/instruction/",
        instruction.dossier_instruction,
        name="dossier_instruction",
    ),
    path("dossiers/<int:pk>/notation/", instruction.noter, name="noter"),
    path("dossiers/<int:pk>/decision/", instruction.decider, name="decider"),
]
