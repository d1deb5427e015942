"""The 申请回执 as a PDF (the same content as the printable page)."""

from django.template.loader import render_to_string

from .services.letters import refuse_fetching


def render_receipt_pdf(context: dict) -> bytes:
    import weasyprint  # imported here: loading it costs a second and only this path needs it

    html = render_to_string("applications/receipt_pdf.html", context)
    return weasyprint.HTML(string=html, url_fetcher=refuse_fetching).write_pdf()
