"""Study: cloze quizzes, grading, scheduling and the library of articles.

- ``cloze``       the one cloze engine: which words of a phrase are blanked, from offsets
- ``quiz``        cloze items and their choices
- ``answers``     grading a typed or chosen answer
- ``schedule``    FSRS scheduling
- ``store``       reviews and sessions in SQLite
- ``checkpoint``  WAL checkpoints off the request path
- ``library``     the seed and uploaded articles, their study sets cached by content
"""
