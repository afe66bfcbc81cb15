"""The phrase families of the rules language, each a drafter of the meaning stage.

The registry that ties each family to its vocabulary rows, grammar rules, nodes, drafter and fixture file
is :mod:`perfeval.rules.families`.
"""
