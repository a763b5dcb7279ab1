"""Storage: the on-disk index format, embedders, vector cache, feedback store. Imports text and records only."""
