/* Un formulaire ne part qu'une fois : un second appui sur « Enregistrer » (téléphone, réseau
   lent) est ignoré tant que la page n'a pas changé. Sans JavaScript, le serveur écarte aussi
   un doublon identique envoyé dans la minute (contacts, orientations). */
(() => {
  "use strict";
  document.addEventListener("submit", (evenement) => {
    const formulaire = evenement.target;
    if (!(formulaire instanceof HTMLFormElement) || formulaire.method.toLowerCase() !== "post") {
      return;
    }
    if (formulaire.dataset.envoye === "1") {
      evenement.preventDefault();
      return;
    }
    formulaire.dataset.envoye = "1";
  });
  // Retour par l'historique (page gardée en cache) : le formulaire peut repartir.
  window.addEventListener("pageshow", () => {
    document.querySelectorAll("form[data-envoye]").forEach((f) => delete f.dataset.envoye);
  });
})();
