"""Pages that belong to no single area: the home page and the health check."""
