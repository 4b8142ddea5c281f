// Compteur de caractères d'une note courte : « 120 / 500 caractères ». Sans JavaScript, la
// page dit « 500 caractères au plus » et le serveur refuse au-delà.
(function () {
  "use strict";
  document.querySelectorAll("textarea[data-compteur]").forEach(function (zone) {
    var compteur = document.getElementById(zone.dataset.compteur);
    if (!compteur) { return; }
    var maximum = compteur.dataset.maximum;
    function afficher() {
      var n = zone.value.length;
      compteur.textContent = n + "\u00a0/\u00a0" + maximum + " caractère" + (n >= 2 ? "s" : "");
    }
    zone.addEventListener("input", afficher);
    afficher();
  });
})();
