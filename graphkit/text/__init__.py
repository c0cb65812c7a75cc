"""Words, names and sentences: folding for lookup, the lexicon and grammar of
names, and every translated sentence (fr, en, es, pt).
"""
