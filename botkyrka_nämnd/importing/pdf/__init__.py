"""PDF text extraction in sandboxed worker processes, behind :mod:`botkyrka_nämnd.importing.pdftext`.

=============  ========================================================================================
module         what it does
=============  ========================================================================================
``protocol``   limits (memory, CPU, time, jobs) and the JSON-over-pipes frames, shared by both sides
``worker``     the worker process: its resource limits, extraction of a page range, the public-copy rebuild
``pagetext``   one page's text lines and their geometry read from PDFium; the clean-up of a line
``layout``     blank lines from vertical gaps, soft-wrap joins (run in the worker)
``extractor``  the parent side: :class:`~.extractor.PdfTextExtractor`, a pool of persistent workers
``assemble``   the parent's result from the workers' pages: :class:`~.assemble.PdfText`, page margins
=============  ========================================================================================

The worker runs as ``python -I worker.py --worker``, outside the package: ``worker``, ``protocol``,
``pagetext`` and ``layout`` import only the standard library (and pypdfium2 in the worker process).
"""
