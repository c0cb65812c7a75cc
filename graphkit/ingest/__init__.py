"""What comes in from outside: proposals from new minutes, twin-town lists,
synthetic data at national scale. Works on tables, never on a built graph.
"""
