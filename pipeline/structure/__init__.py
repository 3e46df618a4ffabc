"""The report's layout: metadata, the section tree, paragraphs and table regions."""
