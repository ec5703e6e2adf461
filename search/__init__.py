"""Site-wide search across pages, registries and the text inside documents, in Polish."""
