"""Text: an article file becomes clean paragraphs, emphasis spans and sentences.

- ``article``    front matter, the two language halves, paragraphs (every FORMAT.md quirk)
- ``inline``     inline markdown: bold spans with offsets, links, italics, stray spaces
- ``sentences``  Chinese and English sentence splitting that never splits inside emphasis
- ``charclass``  the one definition of Han characters, CJK punctuation, quotes, language
- ``english``    the one English normaliser: word tokens, stop words, lemmas (lemminflect)
"""
