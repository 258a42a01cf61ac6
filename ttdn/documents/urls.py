from ttdn.documents.urls_case import urlpatterns as case_urls
from ttdn.documents.urls_registers import urlpatterns as register_urls

app_name = "documents"
urlpatterns = [*case_urls, *register_urls]
