from django.urls import path

from . import views

app_name = "accounts"
urlpatterns = [
    path("login/", views.login_view, name="login"),
    path("login/<str:token>/", views.login_link, name="login_link"),
    path("signup/", views.signup, name="signup"),
    path("logout/", views.logout_view, name="logout"),
    path("settings/", views.settings_view, name="settings"),
    path("settings/tokens/", views.token_create, name="token_create"),
    path("settings/tokens/<int:token_id>/revoke/", views.token_revoke, name="token_revoke"),
    path("settings/workspace/", views.workspace_switch, name="workspace_switch"),
    path("settings/workspaces/<int:workspace_id>/members/", views.member_add, name="member_add"),
    path("settings/members/<int:membership_id>/remove/", views.member_remove, name="member_remove"),
]
