"""The JSON API under /api/v1: personal tokens, the same services as the pages, an OpenAPI
document generated from the schemas the endpoints validate with."""
