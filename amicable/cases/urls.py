from django.urls import path

from . import views

app_name = "cases"
urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("cases/", views.case_list, name="case_list"),
    path("cases/new/", views.case_new, name="case_new"),
    path("cases/<int:case_id>/", views.case_detail, name="case_detail"),
    path("cases/<int:case_id>/stage/", views.case_transition_view, name="case_transition"),
    path("cases/<int:case_id>/intake/", views.intake, name="intake"),
    path("cases/<int:case_id>/intake/suggest/", views.intake_suggest, name="intake_suggest"),
    path("cases/<int:case_id>/intake/types/", views.intake_confirm_types, name="intake_confirm_types"),
    path("cases/<int:case_id>/deadlines/", views.deadline_add, name="deadline_add"),
    path("cases/<int:case_id>/deadlines.ics", views.deadlines_ics, name="deadlines_ics"),
    path("cases/<int:case_id>/deadlines/<int:deadline_id>/done/", views.deadline_close, {"action": "done"},
         name="deadline_done"),
    path("cases/<int:case_id>/deadlines/<int:deadline_id>/cancel/", views.deadline_close, {"action": "cancel"},
         name="deadline_cancel"),
    path("clients/", views.client_list, name="client_list"),
    path("clients/new/", views.client_new, name="client_new"),
    path("clients/<int:client_id>/", views.client_detail, name="client_detail"),
    path("clients/<int:client_id>/edit/", views.client_edit, name="client_edit"),
    path("engagements/", views.engagement_list, name="engagement_list"),
    path("engagements/new/", views.engagement_new, name="engagement_new"),
    path("engagements/<int:engagement_id>/", views.engagement_detail, name="engagement_detail"),
    path("engagements/<int:engagement_id>/edit/", views.engagement_edit, name="engagement_edit"),
    path("engagements/<int:engagement_id>/milestones/", views.milestone_add, name="milestone_add"),
    path("engagements/<int:engagement_id>/milestones/<int:milestone_id>/status/", views.milestone_status,
         name="milestone_status"),
    path("engagements/<int:engagement_id>/invoices/", views.invoice_add, name="invoice_add"),
    path("engagements/<int:engagement_id>/invoices/<int:invoice_id>/payments/", views.payment_add, name="payment_add"),
]
