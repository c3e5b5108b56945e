from django.urls import path

from . import views

urlpatterns = [
    path("", views.inventory_list, name="inventory_list"),
    path("<slug:slug>/", views.inventory_detail, name="inventory_detail"),
    path("<slug:slug>/deel/<int:number>/", views.inventory_section, name="inventory_section"),
    path("<slug:slug>/indienen/", views.inventory_submit, name="inventory_submit"),
    path("<slug:slug>/mijn-resultaten/", views.inventory_own_results, name="inventory_own_results"),
    path("<slug:slug>/resultaten/", views.inventory_results, name="inventory_results"),
    path("<slug:slug>/resultaten.csv", views.inventory_results_csv, name="inventory_results_csv"),
    path(
        "<slug:slug>/wat-anderen-doen/",
        views.inventory_what_others_do,
        name="inventory_what_others_do",
    ),
    path(
        "<slug:slug>/onvervulde-behoeften/",
        views.inventory_unmet_needs,
        name="inventory_unmet_needs",
    ),
    path("<slug:slug>/nieuwe-ronde/", views.inventory_new_round, name="inventory_new_round"),
]
