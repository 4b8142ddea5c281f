"""Import du parc depuis un tableur : correspondance des colonnes (`colonnes`), lecture CSV ou
XLSX (`lecture`), validation ligne à ligne (`validation`) et écriture tout ou rien par les
services du parc (`service`). Guide : docs/guide/parc-import.md."""
