"""The narrative text file: decoding, parsing headings into blocks, {{名称}} quotes, pasted generated parts. Imports core only."""
