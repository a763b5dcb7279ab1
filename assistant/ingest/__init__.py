"""Reading documents: formats, numbering structure, chunking, and the library (sync/add/remove).

May import: ``assistant.text``, ``assistant.store``, ``assistant.records``, ``assistant.errors``, settings.
"""
