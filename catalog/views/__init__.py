from .attachments import download_attachment
from .guide import guide
from .home import home
from .items import item_detail, item_list, item_print, item_qr
from .pages import site_map, subscribe
from .robots import robots_txt

__all__ = [
    "download_attachment",
    "guide",
    "home",
    "item_detail",
    "item_list",
    "item_print",
    "item_qr",
    "robots_txt",
    "site_map",
    "subscribe",
]
