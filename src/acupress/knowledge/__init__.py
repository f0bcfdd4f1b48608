"""The knowledge base: YAML data, validated against schema.json when loaded."""

from .load import load_knowledge

__all__ = ["load_knowledge"]
