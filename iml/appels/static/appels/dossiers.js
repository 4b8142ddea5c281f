/* Étapes du dossier : résumé des erreurs et saisie non enregistrée.
 *
 * - Après un envoi refusé, le focus va au résumé des erreurs (en tête du formulaire).
 * - Une saisie non enregistrée n'est pas perdue sans avertissement : en quittant la page
 *   (beforeunload) et en suivant un lien vers une autre étape (confirmation en français).
 */
(() => {
  "use strict";
  const resume = document.getElementById("resume-erreurs");
  if (resume) {
    resume.focus();
  }
  const formulaire = document.querySelector("form[data-garde-modifications]");
  if (!formulaire) {
    return;
  }
  // Envoi refusé : ce qui est affiché n'est pas enregistré.
  let modifie = formulaire.hasAttribute("data-non-enregistre");
  let quitte = false;
  const marquer = () => { modifie = true; };
  formulaire.addEventListener("input", marquer);
  formulaire.addEventListener("change", marquer);
  formulaire.addEventListener("submit", () => { quitte = true; });
  window.addEventListener("beforeunload", (evenement) => {
    if (modifie && !quitte) {
      evenement.preventDefault();
      evenement.returnValue = "";
    }
  });
  const QUESTION = "Vos modifications de cette étape ne sont pas enregistrées. " +
    "Quitter l'étape et les perdre ? (Annuler pour rester et cliquer sur « Enregistrer ».)";
  for (const lien of document.querySelectorAll("a[data-quitte-etape]")) {
    lien.addEventListener("click", (evenement) => {
      if (!modifie || quitte) {
        return;
      }
      if (window.confirm(QUESTION)) {
        quitte = true;
      } else {
        evenement.preventDefault();
      }
    });
  }
})();
