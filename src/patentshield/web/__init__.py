"""The web application: bilingual server-rendered pages on the services and the trust layer.

``patentshield.api.app.create_app`` mounts :data:`patentshield.web.routes.router` at ``/`` and
the bundled static files at ``/static``; see docs/web.md.
"""
