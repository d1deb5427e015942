"""The portal's identity as the footer and the page tags show it, from settings and the portal's organization.

Inspectors of government sites (政府网站与政务新媒体检查指标) look for the 网站标识码, the ICP and public-security
records, the 党政机关 identifier, 主办/承办单位 and a contact in every footer, and for the SiteName, SiteDomain and
SiteIDCode tags on every page.
"""

import re
from dataclasses import dataclass
from urllib.parse import urlsplit

from django.conf import settings
from django.http import HttpRequest

POLICE_RECORD_SEARCH = "https://beian.mps.gov.cn/#/query/webSearch?code={code}"


@dataclass(frozen=True)
class SiteIdentity:
    name: str
    domain: str
    site_code: str
    sponsor: str
    operator: str
    contact_phone: str
    contact_email: str
    icp_record: str
    icp_url: str
    police_record: str
    police_record_url: str
    conac_url: str
    conac_image: str


def site_identity(request: HttpRequest | None, organization=None) -> SiteIdentity:
    """Settings first; the sponsor and the contact fall back to the portal's own organization."""
    police_record = settings.PORTAL_POLICE_RECORD
    return SiteIdentity(
        name=settings.PORTAL_NAME,
        domain=site_domain(request),
        site_code=settings.PORTAL_SITE_CODE,
        sponsor=settings.PORTAL_SPONSOR or getattr(organization, "name", ""),
        operator=settings.PORTAL_OPERATOR,
        contact_phone=settings.PORTAL_CONTACT_PHONE or getattr(organization, "phone", ""),
        contact_email=settings.PORTAL_CONTACT_EMAIL or getattr(organization, "email", ""),
        icp_record=settings.PORTAL_ICP_RECORD,
        icp_url=settings.PORTAL_ICP_URL,
        police_record=police_record,
        police_record_url=settings.PORTAL_POLICE_RECORD_URL or police_record_search(police_record),
        conac_url=settings.PORTAL_CONAC_URL,
        conac_image=settings.PORTAL_CONAC_IMAGE,
    )


def site_domain(request: HttpRequest | None) -> str:
    if settings.PORTAL_DOMAIN:
        return settings.PORTAL_DOMAIN
    if settings.PORTAL_BASE_URL:
        return urlsplit(settings.PORTAL_BASE_URL).hostname or ""
    return request.get_host().split(":")[0] if request is not None else ""


def police_record_search(record: str) -> str:
    """The public-security record's own page: its number is the run of digits in 浙公网安备33090202000001号."""
    digits = re.search(r"\d{8,}", record or "")
    return POLICE_RECORD_SEARCH.format(code=digits.group()) if digits else ""
