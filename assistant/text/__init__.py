"""Text helpers (pure): normalisation, numerals, tokenising, sentences, glossary. Imports nothing of ours."""
