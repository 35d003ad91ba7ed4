"""Accounts' URLconfs, one module per namespace, each mounted by ``tandem/urls.py`` under its
own prefix: ``accounts``, ``audit``, ``invitations``, ``oidc`` and ``saml``."""
