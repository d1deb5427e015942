"""The address of the client behind a request, for rate limits (django-ratelimit) and lockouts (django-axes).

Behind the README's nginx every request comes from the proxy's own address, so keying limits on
REMOTE_ADDR would make ten applications from anyone block everyone. Each trusted reverse proxy appends
the address it was connected from to X-Forwarded-For (nginx: `$proxy_add_x_forwarded_for`), so behind
TRUSTED_PROXY_HOPS proxies the client is that many entries from the right; whatever stands further left
was sent by the client itself and proves nothing. Without proxies (the default) the header is ignored.
"""

import ipaddress

from django.conf import settings
from django.http import HttpRequest


def client_address(request: HttpRequest) -> str:
    remote = request.META.get("REMOTE_ADDR", "")
    hops = settings.TRUSTED_PROXY_HOPS
    if not hops:
        return remote
    forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if part.strip()]
    if len(forwarded) < hops:
        return remote  # did not pass through every trusted proxy
    try:
        return str(ipaddress.ip_address(forwarded[-hops]))
    except ValueError:
        return remote
