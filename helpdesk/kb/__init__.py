"""Knowledge base: FAQ articles, their search, helpfulness, and suggestions to customers."""
