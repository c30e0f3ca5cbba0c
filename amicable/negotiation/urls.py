from django.urls import path

from . import views

app_name = "negotiation"
P = "cases/<int:case_id>/negotiation/"
urlpatterns = [
    path(P, views.overview, name="overview"),
    path(P + "calculator/", views.calculator_save, name="calculator_save"),
    path(P + "offers/new/", views.offer_new, name="offer_new"),
    path(P + "offers/<int:offer_id>/", views.offer_detail, name="offer"),
    path(P + "offers/<int:offer_id>/edit/", views.offer_edit, name="offer_edit"),
    path(P + "offers/<int:offer_id>/send/", views.offer_send, name="offer_send"),
    path(P + "offers/<int:offer_id>/accept/", views.offer_accept, name="offer_accept"),
    path(P + "offers/<int:offer_id>/reject/", views.offer_reject, name="offer_reject"),
    path(P + "offers/<int:offer_id>/counter/", views.offer_counter, name="offer_counter"),
    path(P + "offers/<int:offer_id>/withdraw/", views.offer_withdraw, name="offer_withdraw"),
    path(P + "bids/", views.bids, name="bids"),
    path(P + "bids/open/", views.bid_open, name="bid_open"),
    path(P + "bids/<int:round_id>/figure/", views.bid_enter, name="bid_enter"),
    path(P + "agreements/record/", views.agreement_record, name="agreement_record"),
    path(P + "agreements/<int:agreement_id>/", views.agreement_detail, name="agreement"),
    path(P + "agreements/<int:agreement_id>/accept/", views.agreement_accept, name="agreement_accept"),
    path(P + "agreements/<int:agreement_id>/decline/", views.agreement_decline, name="agreement_decline"),
    path(P + "agreements/<int:agreement_id>/agreement.pdf", views.agreement_pdf, name="agreement_pdf"),
]
