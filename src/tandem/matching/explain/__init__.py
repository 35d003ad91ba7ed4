"""Why: the reasons of a pair, or of someone left unmatched, from the engine's codes to the
words a reader sees.

``pair`` (one pair, any pair) and ``matched`` (many matched pairs at once) give the engine's
codes with their data (the engine itself gives an unmatched person's: ``explain_unmatched``);
``portable`` stores them as plain data that means something without the run; ``words`` and
``unmatched`` word them in the reader's language; ``shown`` is what a page, the API or an
export shows of them.
"""
