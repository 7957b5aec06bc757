"""The client's address, behind as many trusted proxies as configured."""
from flask import request


def client_address() -> str:
    # ProxyFix (see create_app) rewrites remote_addr when TANDEM_TRUSTED_PROXIES > 0.
    return (request.remote_addr or "unknown")[:64]
