"""OCR detection and dictionary repair of Swedish text (pure Python, offline, no Qt).

Scanned kallelser were OCR'd without a Swedish language model (SEEDS.md §4.1): file 002 has no å/ä/ö at
all, ``é`` 1 155 times, and about 22 % of its word tokens damaged (``Socialndmnden``, ``godkénner``,
``6kar``, ``dverlamnar``, ``&r`` ...). This package

- tells OCR text from digital text (:func:`.text.classify_text`),
- repairs damaged words with a Swedish word-frequency list (:func:`.text.repair_word`,
  :func:`.text.repair_text`),
- lists the extra diacritic spellings of ambiguous tokens for the search index (:func:`.words.variants`),
- folds diacritics for matching (:func:`.lexicon.fold`).

==============  ======================================================================================
module          what it does
==============  ======================================================================================
``lexicon``     diacritic folding; wordfreq's Swedish list, loaded lazily once, indexed by skeleton
``candidates``  character level: the letters each OCR character may stand for, candidates, compounds
``words``       one token without context: which tokens are repaired, their case; search variants
``context``     the ambiguous words (for/för, stod/stöd ...) and the neighbour words that decide them
``text``        whole texts: OCR detection, tokens, repair with context and document evidence
==============  ======================================================================================

Measured on the seeds (bench/ocr.py): 002 has 6 562 of 25 845 tokens changed in about a second (0.2 s
warm); 000 is unchanged; 000 and 003 with their diacritics stripped get 95 % / 94 % of them back and
0.03 % / 0.12 % of their other tokens changed.
"""
