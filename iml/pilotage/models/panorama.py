"""Panorama régional : indicateurs déclarés par département (R-UNKNOWN)."""

__all__: list[str] = []
