"""The OIT app: each year's item list (with the administrator's corrections), the items Prongsai provides
linked live, the officer's links and explanations, the public "ITA <year>" page and the ITAS answer sheet."""

from django.apps import AppConfig


class OitConfig(AppConfig):
    name = "prongsai.web.oit"
    label = "oit"
    verbose_name = "การเปิดเผยข้อมูลสาธารณะ (OIT)"
