/* Après un envoi refusé, le focus va au résumé des erreurs (ui/_resume_erreurs.html). */
(() => {
  "use strict";
  const resume = document.getElementById("resume-erreurs");
  if (resume) {
    resume.focus();
  }
})();
