from django.shortcuts import render


def accessibility_statement(request):
    return render(request, "core/accessibility.html")


def privacy_statement(request):
    return render(request, "core/privacy.html")


def page_not_found(request, exception=None):
    return render(request, "404.html", status=404)


def server_error(request):
    # No context processors that touch the database: the database may be why we are here.
    from django.http import HttpResponseServerError
    from django.template import loader

    return HttpResponseServerError(loader.get_template("500.html").render())
