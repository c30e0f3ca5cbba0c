from django.urls import path

from . import views

app_name = "evidence"
P = "cases/<int:case_id>/evidence/"
urlpatterns = [
    path(P, views.timeline_view, name="timeline"),
    path(P + "upload/", views.upload, name="upload"),
    path(P + "imports/<int:batch_id>/", views.batch_view, name="batch"),
    path(P + "items/<int:item_id>/", views.item_view, name="item"),
    path(P + "items/<int:item_id>/files/<int:position>/", views.attachment_view, name="attachment"),
    path(P + "items/<int:item_id>/tags/", views.tag_view, name="tag"),
    path(P + "items/<int:item_id>/visibility/", views.visibility_view, name="visibility"),
    path(P + "items/<int:item_id>/correct/", views.correct_view, name="correct"),
    path(P + "items/<int:item_id>/redact/", views.redact_view, name="redact"),
    path(P + "notes/new/", views.note_new, name="note_new"),
    path(P + "search/", views.search_view, name="search"),
    path(P + "scope-changes/", views.scope_changes_view, name="scope_changes"),
    path(P + "agreements/", views.agreements_view, name="agreements"),
    path(P + "log/", views.log_view, name="log"),
    path(P + "log/key.pub", views.key_view, name="key"),
    path(P + "log/verify/", views.verify_view, name="verify"),
]
