"""Reading and checking finished reports (.docx made by any tool, pages saved from a site). Imports core, narrative and checks; never render."""
