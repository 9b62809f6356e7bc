"""Anki: study sets become notes of three frozen note types, written as ``.apkg``.

- ``notetypes``  the note types: fixed model ids, fields and templates (the contract)
- ``fields``     field rendering: escaping, tone colours, ruby, word breakdown
- ``cloze``      the cloze note's text from the cloze engine's blanks
- ``notes``      a study set's notes with GUIDs from item ids
- ``package``    the ``.apkg`` writer (genanki), atomic
"""
