"""Writing files whole or not at all, plain-data files, and cells safe for a
spreadsheet: the lowest layer, used by every writer.
"""
