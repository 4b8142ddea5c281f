// Avancement d'un import du parc : interroge l'URL de progression (JSON) toutes les deux
// secondes, met à jour la barre, puis recharge la page une fois le traitement fini.
(function () {
  "use strict";
  var bloc = document.getElementById("avancement-import");
  if (!bloc) { return; }
  var barre = document.getElementById("avancement-barre");
  var libelle = document.getElementById("avancement-libelle");
  function interroger() {
    fetch(bloc.dataset.url, { credentials: "same-origin", headers: { Accept: "application/json" } })
      .then(function (r) { return r.ok ? r.json() : null; })
      .then(function (etat) {
        if (!etat) { return; }
        if (etat.fini) { window.location.reload(); return; }
        barre.value = etat.progression;
        barre.textContent = etat.progression + "\u00a0%";
        libelle.textContent = etat.libelle + "\u00a0: " + etat.progression + "\u00a0%";
        window.setTimeout(interroger, 2000);
      })
      .catch(function () { window.setTimeout(interroger, 5000); });
  }
  window.setTimeout(interroger, 1000);
})();
