"""Data the name detector ships: ``lexicon.tsv.gz`` (see NOTICE.md and build_lexicon.py)."""
