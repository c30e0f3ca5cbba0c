from django.urls import path

from . import views

app_name = "messaging"
urlpatterns = [
    path("tone/", views.tone_page, name="tone"),
    path("settings/email/", views.mail_settings, name="mail_settings"),
    path("cases/<int:case_id>/concerns/", views.concerns, name="concerns"),
    path("cases/<int:case_id>/concerns/acknowledge/", views.acknowledge, name="acknowledge"),
    path("cases/<int:case_id>/concerns/<int:concern_id>/status/", views.concern_status, name="concern_status"),
    path("cases/<int:case_id>/questions/", views.questions_page, name="questions"),
    path("cases/<int:case_id>/questions/<str:question_id>/answer/", views.answer, name="answer"),
    path("cases/<int:case_id>/messages/", views.compose_page, name="compose"),
    path("cases/<int:case_id>/messages/sent/<int:message_id>/", views.message, name="message"),
    path("cases/<int:case_id>/messages/<int:draft_id>/", views.draft, name="draft"),
    path("cases/<int:case_id>/messages/<int:draft_id>/tone/", views.draft_tone, name="draft_tone"),
    path("cases/<int:case_id>/messages/<int:draft_id>/apply/", views.draft_apply, name="draft_apply"),
    path("cases/<int:case_id>/messages/<int:draft_id>/send/", views.draft_send, name="draft_send"),
    path("cases/<int:case_id>/messages/<int:draft_id>/sent-by-me/", views.draft_mark_sent, name="draft_mark_sent"),
    path("cases/<int:case_id>/messages/<int:draft_id>/eml/", views.draft_eml, name="draft_eml"),
    path("cases/<int:case_id>/messages/<int:draft_id>/cool-off/", views.draft_cool_off, name="draft_cool_off"),
    path("cases/<int:case_id>/messages/<int:draft_id>/rewrite/", views.draft_rewrite, name="draft_rewrite"),
    path("cases/<int:case_id>/messages/<int:draft_id>/rewrite/use/", views.draft_use_rewrite,
         name="draft_use_rewrite"),
]
