"""Choices of the application form and the reply (Art. 29 (三), Art. 36)."""

from django.db import models
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _


class DeliveryForm(models.TextChoices):
    PAPER = "paper", _("纸质")
    EMAIL = "email", _("电子邮件")
    DISC = "disc", _("光盘")
    DISK = "disk", _("磁盘")


class DeliveryMethod(models.TextChoices):
    POST = "post", _("邮寄")
    EXPRESS = "express", _("快递")
    EMAIL = "email", _("电子邮件")
    FAX = "fax", _("传真")
    PICK_UP = "pickup", _("自行领取")
    READ_ON_SITE = "onsite", _("当场阅读、抄录")


class IdType(models.TextChoices):
    RESIDENT_ID = "居民身份证", _("居民身份证")
    PASSPORT = "护照", _("护照")
    HK_MACAO_PASS = "港澳居民来往内地通行证", _("港澳居民来往内地通行证")
    TAIWAN_PASS = "台湾居民来往大陆通行证", _("台湾居民来往大陆通行证")
    OTHER = "其他", _("其他")


class ReplyType(models.TextChoices):
    """The kinds of reply of Art. 36 (with Art. 37 partial disclosure, Art. 38 and 39)."""

    ALREADY_PUBLISHED = "already_published", _("已经主动公开，告知获取的方式和途径（第三十六条第一项）")
    PROVIDED = "provided", _("予以提供或告知获取的方式、途径和时间（第三十六条第二项）")
    PARTIAL = "partial", _("区分处理，部分提供（第三十七条）")
    REFUSED = "refused", _("不予公开，告知理由（第三十六条第三项）")
    NOT_EXIST = "not_exist", _("经检索没有所申请公开信息，告知申请人（第三十六条第四项）")
    OTHER_AGENCY = "other_agency", _("不属于本机关负责公开，告知负责机关（第三十六条第五项）")
    REPEATED = "repeated", _("重复申请，告知不予重复处理（第三十六条第六项）")
    SPECIAL_PROCEDURE = "special_procedure", _("属于工商、不动产登记资料等，告知依照有关规定办理（第三十六条第七项）")
    NOT_COMPILED = "not_compiled", _("需要加工、分析，可以不予提供（第三十八条）")
    NOT_A_REQUEST = "not_a_request", _("信访、投诉、举报等，告知通过相应渠道提出（第三十九条）")
    OTHER = "other", _("其他")


# What the reply letter says to the applicant for each kind of reply: the labels above are for staff.
LETTER_SENTENCES: dict[str, str | Promise] = {
    ReplyType.ALREADY_PUBLISHED: _("您申请获取的政府信息已经主动公开，获取的方式和途径如下。"),
    ReplyType.PROVIDED: _("本机关向您提供所申请公开的政府信息。"),
    ReplyType.PARTIAL: _("所申请公开的信息中有不应当公开的内容，本机关提供可以公开的部分。"),
    ReplyType.REFUSED: _("本机关决定不予公开。"),
    ReplyType.NOT_EXIST: _("经检索，本机关没有您所申请公开的政府信息。"),
    ReplyType.OTHER_AGENCY: _("您所申请公开的信息不属于本机关负责公开，负责公开的机关及其联系方式如下。"),
    ReplyType.REPEATED: _("您曾就同一政府信息提出申请，本机关已依法答复，本次申请不再重复处理。"),
    ReplyType.SPECIAL_PROCEDURE: _("您所申请的信息，有关法律、行政法规对其获取有特别规定，请依照有关规定办理。"),
    ReplyType.NOT_COMPILED: _("您所申请的信息需要本机关对现有政府信息进行加工、分析，本机关不予提供。"),
    ReplyType.NOT_A_REQUEST: _("您提出的是信访、投诉、举报等诉求，请通过相应渠道提出。"),
}
# The kinds of reply that send the applicant elsewhere must say where (Art. 36 (1) and (5)), in the reason field;
# the letter heads that text with these words.
MUST_SAY_WHERE: dict[str, str | Promise] = {
    ReplyType.ALREADY_PUBLISHED: _("获取的方式和途径"),
    ReplyType.OTHER_AGENCY: _("负责公开的机关及其联系方式"),
}


def label_for(choices: type[models.TextChoices], value: str) -> str:
    """The label of a stored value, or the value itself when it is not (or no longer) a choice."""
    return str(choices(value).label) if value in choices.values else value
