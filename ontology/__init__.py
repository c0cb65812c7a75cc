"""The graphkit ontology, thesaurus and SHACL shapes, shipped as package data."""
