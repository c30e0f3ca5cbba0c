from django.urls import path

from . import views

app_name = "mediation"
urlpatterns = [
    path("cases/<int:case_id>/room/", views.room, name="room"),
    path("cases/<int:case_id>/room/invite/", views.invite, name="invite"),
    path("cases/<int:case_id>/room/invitations/<int:invitation_id>/revoke/", views.invitation_revoke,
         name="invitation_revoke"),
    path("cases/<int:case_id>/room/participants/<int:grant_id>/remove/", views.participant_remove,
         name="participant_remove"),
    path("cases/<int:case_id>/room/items/", views.item_add, name="item_add"),
    path("cases/<int:case_id>/room/items/<int:item_id>/", views.item_detail, name="item"),
    path("cases/<int:case_id>/room/evidence/<int:item_id>/", views.evidence_item, name="evidence_item"),
    path("cases/<int:case_id>/room/items/<int:item_id>/file/", views.item_file, name="item_file"),
    path("cases/<int:case_id>/room/items/<int:item_id>/visibility/", views.item_visibility, name="item_visibility"),
    path("cases/<int:case_id>/room/notes/", views.note_add, name="note_add"),
    path("cases/<int:case_id>/room/sessions/", views.session_add, name="session_add"),
    path("cases/<int:case_id>/room/sessions/<int:session_id>/invite.ics", views.session_ics, name="session_ics"),
    path("cases/<int:case_id>/room/audit/", views.audit, name="audit"),
    path("cases/<int:case_id>/room/mute/", views.mute, name="mute"),
    path("invite/<str:token>/", views.invite_accept, name="invite_accept"),
    path("notifications/", views.notifications, name="notifications"),
    path("notifications/read/", views.notifications_read, name="notifications_read"),
]
