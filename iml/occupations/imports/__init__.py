"""Import des ménages et des occupations en cours depuis un tableur : colonnes (`colonnes`),
lecture (celle du parc, `iml.parc.imports.lecture`), validation ligne à ligne (`validation`) et
écriture tout ou rien par les services des ménages et de l'admission (`service`). Guide :
docs/guide/menages-import.md."""
