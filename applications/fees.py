"""The information processing fee (《政府信息公开信息处理费管理办法》国办函〔2020〕109号).

Two methods, one or the other per application, never both, both progressive (超额累进):

- 按件计收: by the application's rank among the same applicant's applications to the same
  organization in one calendar month. 1-10 free; 11-30 100 yuan each; from 31 on, in bands
  of ten, each band 100 yuan more (31-40 200, 41-50 300, ...). 45 in a month: 5,500.
- 按量计收: by the pages of one application. 1-30 free; 31-100 10 yuan a page;
  101-200 20 yuan a page; 201 and up 40 yuan a page.
"""

from decimal import Decimal

FREE_APPLICATIONS_PER_MONTH = 10
FIRST_PAID_BAND_END = 30
BAND_SIZE = 10
FIRST_BAND_FEE = 100

# (last page of the band, or None for no limit, fee per page in yuan)
PAGE_BANDS: tuple[tuple[int | None, int], ...] = ((30, 0), (100, 10), (200, 20), (None, 40))


def fee_for_application_rank(rank: int) -> Decimal:
    """The fee for the `rank`-th application (1-based) of one applicant in one calendar month."""
    if rank < 1:
        raise ValueError("rank starts at 1")
    if rank <= FREE_APPLICATIONS_PER_MONTH:
        return Decimal(0)
    if rank <= FIRST_PAID_BAND_END:
        return Decimal(FIRST_BAND_FEE)
    band = (rank - FIRST_PAID_BAND_END - 1) // BAND_SIZE + 2
    return Decimal(FIRST_BAND_FEE * band)


def fee_for_month(count: int) -> Decimal:
    """The total charged for `count` applications of one applicant in one month."""
    return sum((fee_for_application_rank(rank) for rank in range(1, count + 1)), Decimal(0))


def fee_for_pages(pages: int) -> Decimal:
    """The fee for one application of `pages` pages."""
    if pages < 0:
        raise ValueError("pages must not be negative")
    total, floor = 0, 0
    for last, per_page in PAGE_BANDS:
        ceiling = pages if last is None else min(pages, last)
        if ceiling > floor:
            total += (ceiling - floor) * per_page
        if last is None or pages <= last:
            break
        floor = last
    return Decimal(total)


def compute_fee(*, rank: int | None = None, pages: int | None = None) -> Decimal:
    """The fee by exactly one method: `rank` (按件) or `pages` (按量), never both."""
    if rank is not None and pages is None:
        return fee_for_application_rank(rank)
    if pages is not None and rank is None:
        return fee_for_pages(pages)
    raise ValueError("give exactly one of rank (per application) or pages (per page)")
