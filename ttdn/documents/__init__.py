"""Official documents (văn bản): templates, drafts from a case, numbering, the registers out and in."""
