from django.urls import path

from . import views

app_name = "contracts"
urlpatterns = [
    path("engagements/<int:engagement_id>/contracts/", views.contract_list, name="contract_list"),
    path("engagements/<int:engagement_id>/contracts/deal/", views.deal_edit, name="deal_edit"),
    path("engagements/<int:engagement_id>/contracts/<int:contract_id>/", views.contract_detail,
         name="contract_detail"),
    path("engagements/<int:engagement_id>/contracts/<int:contract_id>/file/", views.contract_file,
         name="contract_file"),
    path("cases/<int:case_id>/contract/", views.case_contract, name="case_contract"),
]
