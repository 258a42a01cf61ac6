"""The API's pages: 50 rows unless ``?page_size=`` asks for another number, up to 100."""

from rest_framework.pagination import PageNumberPagination


class PageSizePagination(PageNumberPagination):
    page_size_query_param = "page_size"
    max_page_size = 100
