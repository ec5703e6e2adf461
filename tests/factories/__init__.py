"""factory_boy factories per area; page factories build under the site's HomePage."""
