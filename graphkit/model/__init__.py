"""The model: namespaces and IRIs, the ontology files, and the constants every
layer shares (languages, kinds, graph names, formats).
"""
