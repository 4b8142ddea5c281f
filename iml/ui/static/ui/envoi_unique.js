/* Un formulaire ne part qu'une fois : un second appui sur « Enregistrer » dans les
   10 secondes (téléphone, réseau lent) est ignoré. Passé ce délai (un téléchargement qui ne
   change pas de page, par exemple), le formulaire repart. Sans JavaScript, le serveur écarte
   aussi un doublon identique envoyé dans la minute (contacts, orientations). */
(() => {
  "use strict";
  const DELAI_MS = 10000;
  document.addEventListener("submit", (evenement) => {
    const formulaire = evenement.target;
    if (!(formulaire instanceof HTMLFormElement) || formulaire.method.toLowerCase() !== "post") {
      return;
    }
    const maintenant = Date.now();
    const envoye = Number(formulaire.dataset.envoyeLe || 0);
    if (maintenant - envoye < DELAI_MS) {
      evenement.preventDefault();
      return;
    }
    formulaire.dataset.envoyeLe = String(maintenant);
  });
  // Retour par l'historique (page gardée en cache) : le formulaire peut repartir.
  window.addEventListener("pageshow", () => {
    document.querySelectorAll("form[data-envoye-le]").forEach((f) => {
      delete f.dataset.envoyeLe;
    });
  });
})();
