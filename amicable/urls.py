from django.urls import include, path

from amicable.discovery import app_modules

urlpatterns = [path("", include((module.urlpatterns, app), namespace=app))
               for app, module in app_modules("urls") if app != "api"]
urlpatterns.append(path("api/", include("amicable.api.urls")))
