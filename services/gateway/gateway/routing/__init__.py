"""The public API's routing: which service owns which path (routes), the hop to it (upstream), and
the one OpenAPI document merged from every service's (openapi)."""
