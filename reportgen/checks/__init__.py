"""The 勾稽 and plausibility rules over a loaded report. Imports core only."""
