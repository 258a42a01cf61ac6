"""``{% load money %}``: amounts and figures in the reader's separators (ttdn.money)."""

from django import template

from ttdn import money as amounts

register = template.Library()
register.filter("money", amounts.money)
register.filter("vnd", amounts.vnd)
register.filter("figure", amounts.figure)
